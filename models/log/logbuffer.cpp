#include "log/logbuffer.h"

namespace dbops {

void LogBuffer::append(const LogRecord &record)
{
    {
        QMutexLocker lock(&m_mutex);
        m_records.append(record);
        if (m_records.size() > m_capacity)
            m_records.remove(0, m_records.size() - m_capacity);
    }
    Q_EMIT recorded(record);
}

QList<LogRecord> LogBuffer::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_records;
}

} // namespace dbops
