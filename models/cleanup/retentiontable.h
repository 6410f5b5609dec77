#pragma once
// One retention policy resolved against a store: the table and column exist, how the column writes time, the
// cut-off in that encoding, the key a batch deletes by, and which columns go to the archive. Built by
// RetentionStore::resolve; everything it holds is an identifier read from the catalog or a bound value.
#include "cleanup/timecutoff.h"
#include "core/retentionpolicy.h"

#include <QJsonObject>
#include <QStringList>

namespace dbops {

struct RetentionTable {
    RetentionPolicy policy;
    bool postgres = false;
    QString schema; // PostgreSQL
    QString name;   // as the catalog spells it
    QString quoted; // "schema"."name" / "name"
    QString quotedColumn;
    QString quotedArchive;
    QStringList archiveColumns;            // quoted; the columns both tables share, minus the archive's generated key
    QStringList archiveStamps;             // quoted; archive-only NOT NULL columns without default (archived_at): now
    QString key = QStringLiteral("rowid"); // SQLite: rowid or "(a, b)" of a WITHOUT ROWID table
    QString keyList = QStringLiteral("rowid");
    bool rowidTable = false; // SQLite with a rowid: batches walk rowid ranges
    TimeCutoff cutoff;

    QString label() const
    {
        return schema.isEmpty() || schema == QLatin1String("public") ? name : QString(schema + QLatin1Char('.') + name);
    }
};

// The dry-run figures of one policy.
struct RetentionMeasure {
    QString table;
    QString column;
    QString keep;
    QString archiveTable;
    QString encoding;
    QDateTime cutoff;
    qint64 rows = 0;      // expired: what the apply deletes
    qint64 totalRows = 0; // in the table now
    QString oldest;       // of the expired rows, as stored
    QString newest;
    QDateTime oldestAt; // parsed (UTC), invalid when unparsable
    QDateTime newestAt;
    qint64 tableBytes = -1;    // table + indexes; -1 unknown
    qint64 bytesEstimate = -1; // tableBytes × rows / totalRows

    QJsonObject toJson() const;
};

} // namespace dbops
