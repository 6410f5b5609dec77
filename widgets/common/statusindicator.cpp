#include "common/statusindicator.h"

#include "common/statusdot.h"

#include <QHBoxLayout>
#include <QLabel>

namespace dbops {

namespace {
QColor colorFor(ConnectionMonitor::State state)
{
    switch (state) {
    case ConnectionMonitor::State::Connected: return QColor(0x43, 0xa0, 0x47);
    case ConnectionMonitor::State::Connecting:
    case ConnectionMonitor::State::Reconnecting: return QColor(0xf5, 0xa6, 0x23);
    case ConnectionMonitor::State::Failed: return QColor(0xd3, 0x2f, 0x2f);
    case ConnectionMonitor::State::Idle: break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}
} // namespace

StatusIndicator::StatusIndicator(QWidget *parent) : QWidget(parent), m_dot(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionStatus"));
    m_text->setObjectName(QStringLiteral("connectionStateText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_text);
    setState(ConnectionMonitor::State::Idle, tr("no target"));
}

void StatusIndicator::setState(ConnectionMonitor::State state, const QString &text)
{
    m_state = state;
    const int size = fontMetrics().height() * 2 / 3;
    m_dot->setPixmap(StatusDot::pixmap(colorFor(state), size, devicePixelRatioF()));
    // Long reasons are elided here and shown whole in the tooltip and in the panel that asked.
    const QString shown = fontMetrics().elidedText(text, Qt::ElideRight, 560);
    m_text->setText(shown);
    m_text->setToolTip(text);
    m_dot->setToolTip(text);
}

QString StatusIndicator::text() const { return m_text->toolTip(); }

} // namespace dbops
