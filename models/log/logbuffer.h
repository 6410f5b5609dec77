#pragma once
// The in-memory end of the log: keeps the last N records for a log panel and announces new ones with a
// queued signal. Holds no widget (unlike spdlog's qt_sinks), so the core stays free of Gui/Widgets.
#include "log/logrecord.h"

#include <QList>
#include <QMutex>
#include <QObject>

namespace dbops {

class LogBuffer : public QObject {
    Q_OBJECT
public:
    explicit LogBuffer(int capacity = 2000) : m_capacity(capacity) {}
    void append(const LogRecord &record); // any thread
    QList<LogRecord> snapshot() const;    // any thread
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    void recorded(const dbops::LogRecord &record);

private:
    mutable QMutex m_mutex;
    QList<LogRecord> m_records;
    int m_capacity;
};

} // namespace dbops
