#pragma once
// Reads the time columns trading bots write: ISO-8601 text ("…T…Z", "YYYY-MM-DD HH:MM:SS"), epoch seconds,
// milliseconds or microseconds as numbers, and PostgreSQL timestamps. Durations as retention policies write
// them: "7d", "48h", "30m", "90s", "2w".
#include <QDateTime>
#include <QVariant>

namespace dbops {

class TimeValue {
public:
    // Invalid QDateTime when the value is not a time.
    static QDateTime parse(const QVariant &value);
    // Seconds, or -1 when the text is not "<n>d|h|m|s".
    static qint64 parseDuration(const QString &text);
    // A stored time as a person reads it: the operator's local time (Format::moment) when the value is a time
    // (an epoch number included), else the value as stored; "—" when empty.
    static QString display(const QVariant &stored);
    // The same moment in UTC for a tooltip ("2026-12-04 13:05:31 UTC"); empty when the value is not a time.
    static QString displayUtc(const QVariant &stored);
};

} // namespace dbops
