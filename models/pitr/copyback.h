#pragma once
// `dbops compare --table T --copy-back`: one table of the live database gets back the rows a side instance holds.
// A safety dump of the live table comes first (pg_dump -Fc -t), then, in ONE transaction on the live database
// (psql --single-transaction, ON_ERROR_STOP), its rows are deleted and the side instance's rows (pg_dump
// --data-only -t, sequence positions left as they are live so no id is handed out twice) copied in. A foreign-key
// violation, a lock not granted within the lock timeout, or any error rolls all of it back. Tables that other
// tables reference with ON DELETE CASCADE / SET NULL / SET DEFAULT are refused: the delete would reach into them.
// Refused in incident mode; audited.
#include "connection/target.h"
#include "core/expected.h"
#include "ops/pgname.h"
#include "worker/opcontrol.h"

#include <QJsonObject>

namespace dbops {

struct CopyBackRequest {
    QString table;     // "table" (schema public) or "schema.table"
    QString safetyDir; // empty: Paths::defaultBackupDir()
    int lockTimeoutMs = 5000;
};

struct CopyBackResult {
    PgName table;
    qint64 rowsNow = -1;   // live, before
    qint64 rowsAfter = -1; // the side instance's rows: what the live table holds after
    bool applied = false;
    QString safetyDump;
    qint64 durationMs = 0;
    // status ("preview" | "copied"), table, rows_now, rows_after, safety_dump, duration_ms
    QJsonObject toJson() const;
};

class CopyBack {
public:
    // Rows now and after, nothing changed.
    static Expected<CopyBackResult> preview(const Target &live, const Target &side, const CopyBackRequest &request,
                                            const OpControl &control);
    static Expected<CopyBackResult> apply(const Target &live, const Target &side, const CopyBackRequest &request,
                                          const OpControl &control);
    static PgName nameOf(const QString &table);
};

} // namespace dbops
