#pragma once
// The one way a person reads numbers, sizes, durations and moments, in the CLI's text and in the console alike:
// binary units labelled as such (KiB, MiB, GiB), thousands separators on counts, milliseconds only below 10 s,
// and moments in the operator's time zone (never a raw epoch number). JSON keeps the raw figures.
#include <QDateTime>
#include <QString>

namespace dbops {

class Format {
public:
    static QString bytes(qint64 bytes);      // "1,023 B", "1.0 KiB", "6.4 MiB", "12 GiB"
    static QString count(qint64 count);      // "6,709,248"
    static QString milliseconds(double ms);  // "0.42 ms", "523 ms", "9,999 ms", "12.3 s", "2 min 5 s", "1 h 2 min"
    static QString duration(qint64 seconds); // "2 d 3 h", "4 h 12 min", "45 s"
    static QString age(const QDateTime &then, const QDateTime &now); // "just now", "5 min ago", "3 d ago"
    // The operator's local time, "2026-12-04 14:05:31"; "—" when invalid.
    static QString moment(const QDateTime &at);
    // The same moment in UTC, "2026-12-04 13:05:31 UTC" (the console's tooltip under a local time).
    static QString momentUtc(const QDateTime &at);
};

} // namespace dbops
