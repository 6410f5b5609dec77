#include "common/panelchrome.h"

#include <QIcon>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>

namespace dbops::PanelChrome {

QLabel *title(const QString &text, QWidget *parent, qreal scale)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * scale);
    label->setFont(font);
    return label;
}

QLabel *note(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true); // an explanation never sets the window's minimum width
    return label;
}

QScrollArea *scrollingBody(QWidget *body, QWidget *parent, const QString &objectName)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setObjectName(objectName);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(body);
    return scroll;
}

QToolButton *refreshButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setIcon(
        QIcon::fromTheme(QStringLiteral("view-refresh"), parent->style()->standardIcon(QStyle::SP_BrowserReload)));
    return button;
}

} // namespace dbops::PanelChrome
