#include "common/keyboard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QStackedWidget>

namespace dbops::Keyboard {

namespace {

// Qt's table views take Tab for moving between cells, so the focus never leaves a grid by Tab.
class TabLeavesViews : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Polish)
            if (auto *view = qobject_cast<QAbstractItemView *>(watched))
                view->setTabKeyNavigation(false);
        return false;
    }
};

QChar mnemonicOf(const QString &text)
{
    for (int i = text.indexOf(QLatin1Char('&')); i >= 0 && i + 1 < text.size();
         i = text.indexOf(QLatin1Char('&'), i + 2))
        if (text.at(i + 1) != QLatin1Char('&'))
            return text.at(i + 1).toLower();
    return {};
}

// Where to put the '&' in `text`: the first free letter starting a word, else any free letter; -1: none.
int freeLetter(const QString &text, const QString &taken)
{
    int anyLetter = -1;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!c.isLetter() || c.unicode() > 127 || taken.contains(c.toLower()))
            continue;
        if (i == 0 || !text.at(i - 1).isLetterOrNumber())
            return i;
        if (anyLetter < 0)
            anyLetter = i;
    }
    return anyLetter;
}

// Buttons under `root` outside any nested stack, and the nested stacks themselves (their pages show one at a
// time, so each page may reuse the others' letters). Separate windows (dialogs, menus) are their own roots.
void collect(QWidget *root, QList<QAbstractButton *> &buttons, QList<QStackedWidget *> &stacks)
{
    for (QObject *child : root->children()) {
        auto *w = qobject_cast<QWidget *>(child);
        if (!w || w->isWindow())
            continue;
        if (auto *stack = qobject_cast<QStackedWidget *>(w)) {
            stacks << stack;
            continue;
        }
        if (auto *button = qobject_cast<QAbstractButton *>(w); button && !button->text().isEmpty())
            buttons << button;
        collect(w, buttons, stacks);
    }
}

void assign(QWidget *root, QString taken)
{
    QList<QAbstractButton *> buttons;
    QList<QStackedWidget *> stacks;
    collect(root, buttons, stacks);
    for (QAbstractButton *b : std::as_const(buttons))
        if (const QChar m = mnemonicOf(b->text()); !m.isNull())
            taken += m;
    for (QAbstractButton *b : std::as_const(buttons)) {
        QString text = b->text();
        if (!mnemonicOf(text).isNull())
            continue;
        const int at = freeLetter(text, taken);
        if (at < 0)
            continue;
        taken += text.at(at).toLower();
        b->setText(text.insert(at, QLatin1Char('&'))); // a literal '&' is already written "&&"
    }
    for (QStackedWidget *stack : std::as_const(stacks))
        for (int i = 0; i < stack->count(); ++i)
            assign(stack->widget(i), taken);
}

} // namespace

void tabLeavesViews()
{
    static QObject *hook = nullptr;
    if (hook || !qApp)
        return;
    hook = new TabLeavesViews(qApp);
    qApp->installEventFilter(hook);
    // Views already shown were polished before the hook.
    for (QWidget *w : QApplication::allWidgets())
        if (auto *view = qobject_cast<QAbstractItemView *>(w))
            view->setTabKeyNavigation(false);
}

void assignMnemonics(QWidget *root, const QString &taken) { assign(root, taken); }

QString menuBarMnemonics(QWidget *window)
{
    QString letters;
    if (auto *main = qobject_cast<QMainWindow *>(window))
        for (const QAction *a : main->menuBar()->actions())
            if (const QChar m = mnemonicOf(a->text()); !m.isNull())
                letters += m;
    return letters;
}

} // namespace dbops::Keyboard
