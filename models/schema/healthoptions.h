#pragma once
// What a health scan does beyond the always-on figures: SQLite checks on demand, data-age thresholds and the
// profile's retention policies.
#include "core/expected.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace dbops {

struct RetentionRule {
    QString table;
    QString column;
    qint64 keepSeconds = 0;
    QString archive; // optional archive table
    QString text;    // as written: "market_data:timestamp:7d:archived_market_data"

    // "TABLE:COLUMN:KEEP[:ARCHIVE]", KEEP as "7d" / "48h" / "30m" / "90s".
    static Expected<RetentionRule> parse(const QString &text);
};

struct HealthOptions {
    enum class Check { None, Quick, Integrity };
    Check check = Check::None;    // SQLite: PRAGMA quick_check / integrity_check
    bool foreignKeyCheck = false; // SQLite: PRAGMA foreign_key_check
    // SQLite: false gives a first answer in milliseconds whatever the file's size — schema, facts and index
    // findings, rows estimated from sqlite_stat1 where ANALYZE left figures, no sizes and no data age — for a
    // GUI to show while the full pass (one read of every page) runs.
    bool sizes = true;
    qint64 staleWriteSeconds = 0; // > 0: a table whose newest row is older gets a stale_writes warning
    QList<RetentionRule> retention;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

} // namespace dbops
