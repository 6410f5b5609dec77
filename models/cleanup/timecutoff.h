#pragma once
// The cut-off instant of a retention policy written the way the table's time column stores time, so that
// "column < cut-off" selects exactly the expired rows and can use an index on the column: epoch seconds,
// milliseconds or microseconds, ISO-8601 text in the column's own shape ("YYYY-MM-DD HH:MM:SS",
// "…T…Z", fractions, "+00:00"), or a native PostgreSQL timestamp/date.
#include <QDateTime>
#include <QString>
#include <QVariant>

namespace dbops {

struct TimeCutoff {
    enum class Encoding {
        Unknown,
        EpochSeconds,
        EpochMillis,
        EpochMicros,
        IsoText,
        PgTimestamp,
        PgTimestampTz,
        PgDate
    };

    Encoding encoding = Encoding::Unknown;
    QDateTime at;        // UTC
    QVariant value;      // what "column < ?" binds
    QString placeholder; // "?" or, on PostgreSQL, "?::timestamptz" etc.

    bool isValid() const { return encoding != Encoding::Unknown; }
    static QString encodingName(Encoding e); // "epoch_ms", "iso_text", "timestamptz", …
    static Encoding encodingFromName(const QString &name);

    // How `sample` (a value of the column, e.g. its newest) and the column's declared type encode time.
    // `pgType`: PostgreSQL's format_type() of the column, empty on SQLite.
    static Encoding detect(const QVariant &sample, const QString &pgType = {});
    // The cut-off `at` in `encoding`; text takes the shape of `sample`.
    static TimeCutoff make(Encoding encoding, const QDateTime &at, const QVariant &sample = {});

    // SQLite, ISO text: "column < cut-off" compares text, which is exact only while every row writes time in the
    // sample's shape. A column mixing shapes ("2026-12-05 09:46:55" beside "2026-12-05T08:34:14.564Z") or writing a
    // zone offset would select rows newer than the cut-off, or miss expired ones. This makes the selection compare
    // instants (SQLite's julianday(), which reads every ISO-8601 shape and zone), behind a text bound two days
    // past the cut-off's date that every shape of an expired row sorts below, so an index on the column still
    // narrows the scan. No effect on other encodings.
    void compareInstantsOnSqlite(const QString &quotedColumn);
};

} // namespace dbops
