#pragma once
// Human forms of sizes, ages and durations, shared by item models and panels (and the same words everywhere).
#include <QDateTime>
#include <QString>

namespace dbops {

class Format {
public:
    static QString bytes(qint64 bytes);                              // "0 B", "4.0 KiB", "12.3 MiB"
    static QString age(const QDateTime &then, const QDateTime &now); // "just now", "5 min ago", "3 d ago"
    static QString duration(qint64 seconds);                         // "2 d 3 h", "4 h 12 min", "45 s"
};

} // namespace dbops
