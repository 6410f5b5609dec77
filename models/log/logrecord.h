#pragma once
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace dbops {

struct LogRecord {
    QDateTime at;
    QString level; // "trace" … "critical"
    QString logger;
    QString message; // already redacted
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::LogRecord)
