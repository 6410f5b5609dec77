#pragma once
// A restore drill (`dbops drill`): the newest (or a named) backup of a store restored into a scratch place — a
// temporary SQLite file, or a temporary database on the store's PostgreSQL server (PgScratchCheck) — then the
// integrity and foreign-key checks, the row counts per table against the manifest, the operator's probe queries,
// and the time the restore took. The scratch copy is removed whatever happens; the live store is never opened
// for writing (SQLite: not opened at all). The verdict goes into the backup's manifest (DrillRecord: a passed
// drill makes it "proven" in the catalog) and into the audit trail.
#include "connection/target.h"
#include "core/expected.h"
#include "ops/manifest.h"
#include "worker/opcontrol.h"

#include <QJsonObject>

namespace dbops {

struct DrillRequest {
    Target target;      // the store whose backup is drilled; PostgreSQL: its server holds the scratch database
    QString backupPath; // the backup (or its manifest); empty: the newest of `target` in backupDir
    QString backupDir;  // empty: Paths::defaultBackupDir()
    QStringList probes; // SQL queries, each must return a row on the restored copy
    QString scratchDir; // SQLite: where the scratch copy goes (empty: the system's temporary folder)
    bool record = true; // write the verdict into the manifest and the audit trail
};

struct DrillCheck {
    QString name; // "checksum", "restore", "integrity", "foreign_keys", "row_counts", "probe"
    bool ok = false;
    QString detail;
    QJsonObject toJson() const; // name, ok, detail
};

struct DrillResult {
    QString backup; // the backup file
    QString manifestPath;
    BackupManifest manifest; // as read before the drill
    QString scratch;         // the scratch file or database that was used
    bool scratchRemoved = false;
    QDateTime at; // UTC, when the drill started
    qint64 restoreMs = 0;
    qint64 durationMs = 0;
    QList<TableRows> tables; // rows found in the restored copy
    bool countsMatch = false;
    QList<DrillCheck> checks;
    QStringList problems; // one line per failed check
    QString recordError;  // the verdict could not be written into the manifest (the drill's own result stands)
    // SQLite: the full integrity check was not run again (the copy is the bytes it passed on, see drillsqlite.cpp);
    // the quick check ran instead, so the manifest's verification keeps its date.
    bool integrityReused = false;

    bool passed() const { return problems.isEmpty(); }
    void add(const QString &name, bool ok, const QString &detail);
    DrillRecord record() const;
    // status ("passed" | "failed"), backup, manifest, engine, source, at, restore_s, duration_s, tables (count),
    // table_rows[] {name, rows, manifest_rows}, counts_match, checks[], problems[], scratch, scratch_removed
    QJsonObject toJson() const;
};

class RestoreDrill {
public:
    // The newest backup of `target` in `dir` with a readable manifest and its file present; NotFound otherwise.
    static Expected<QString> latestBackup(const Target &target, const QString &dir = {});
    // An error when the drill could not run (no backup, no manifest, an engine it cannot restore, no pg_restore,
    // no scratch place, cancelled) or was refused (Refused: a backup of another store than `target`): nothing is
    // recorded then. Otherwise the result, passed or failed.
    static Expected<DrillResult> run(const DrillRequest &request, const OpControl &control);
};

} // namespace dbops
