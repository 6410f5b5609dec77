#include "common/emptystate.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>

namespace dbops {

namespace {

// Keeps the label over the viewport's middle and shown only while the model is empty.
class EmptyStateFollower : public QObject {
public:
    EmptyStateFollower(QAbstractItemView *view, QLabel *label) : QObject(label), m_view(view), m_label(label)
    {
        view->viewport()->installEventFilter(this);
        if (QAbstractItemModel *model = view->model()) {
            for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
                connect(model, signal, this, &EmptyStateFollower::update);
            connect(model, &QAbstractItemModel::modelReset, this, &EmptyStateFollower::update);
            connect(model, &QAbstractItemModel::layoutChanged, this, &EmptyStateFollower::update);
        }
        update();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            update();
        return QObject::eventFilter(watched, event);
    }

private:
    void update()
    {
        const bool empty = !m_view->model() || m_view->model()->rowCount() == 0;
        m_label->setGeometry(m_view->viewport()->rect().adjusted(12, 8, -12, -8));
        m_label->setVisible(empty);
    }

    QAbstractItemView *m_view;
    QLabel *m_label;
};

} // namespace

QLabel *EmptyState::attach(QAbstractItemView *view, const QString &text)
{
    auto *label = new QLabel(text, view->viewport());
    label->setObjectName(view->objectName() + QLatin1String("Empty")); // "retentionPoliciesEmpty"
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setAttribute(Qt::WA_TransparentForMouseEvents);
    label->setForegroundRole(QPalette::PlaceholderText);
    new EmptyStateFollower(view, label);
    return label;
}

} // namespace dbops
