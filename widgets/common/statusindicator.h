#pragma once
// The status bar's connection state: a coloured dot and ConnectionMonitor::stateText().
#include "worker/connectionmonitor.h"

#include <QWidget>

class QLabel;

namespace dbops {

class StatusIndicator : public QWidget {
    Q_OBJECT
public:
    explicit StatusIndicator(QWidget *parent = nullptr);
    void setState(ConnectionMonitor::State state, const QString &text);
    QString text() const;
    ConnectionMonitor::State state() const { return m_state; }

private:
    QLabel *m_dot;
    QLabel *m_text;
    ConnectionMonitor::State m_state = ConnectionMonitor::State::Idle;
};

} // namespace dbops
