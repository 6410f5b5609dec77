#pragma once
// What a restore of an SQLite store really takes away, table by table: the live rows whose key (primary key,
// else rowid) the backup does not hold — appended rows, but also back-filled or re-inserted ones that are no
// newer than the backup's newest timestamp. The backup is attached read-only (immutable) to the live store's
// read-only connection and each table is anti-joined on its key through the backup's key index: about one
// index lookup per live row, so the work is bounded by a row budget; a table past it is not compared.
#include "connection/sqlitehandle.h"
#include "core/expected.h"

#include <QStringList>

namespace dbops {

class KeyedLoss {
public:
    static constexpr qint64 kRowBudget = 10'000'000; // live rows compared in one preview, at most
    static const QLatin1String kSchema;              // the backup's name on the live connection

    // ATTACHes `backupPath` (immutable, read-only) to `live` as kSchema; before any transaction begins.
    static Error attach(SqliteHandle &live, const QString &backupPath);
    // The key `table` is compared by: its primary key columns in key order; empty: the rowid.
    static QStringList keyOf(SqliteHandle &live, const QString &table);
    // Rows of main.`table` whose key is absent from the backup's table of the same name. Fails (and the caller
    // keeps its estimate) when the backup's table lacks a key column.
    static Expected<qint64> count(SqliteHandle &live, const QString &table, const QStringList &key);
};

} // namespace dbops
