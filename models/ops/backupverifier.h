#pragma once
// Checks a backup against its manifest: size and SHA-256; SQLite: opened read-only (immutable),
// PRAGMA integrity_check, row counts per table; PostgreSQL: pg_restore -l lists the archive and its table
// data entries; a data directory backup (a folder): its index checksum and every member in turn. The verdict is written
// back into the manifest and recorded in the audit trail. A bot's own backup (BotBackups) has no manifest: its
// SHA-256 is compared with its sidecar's when there is one, then the same SQLite checks run.
#include "connection/target.h"
#include "core/expected.h"
#include "ops/manifest.h"
#include "worker/opcontrol.h"

#include <QJsonObject>

namespace dbops {

class SqliteHandle;

struct VerifyOptions {
    QString expectedSourceId; // set: a backup of another database is named in VerifyReport::otherSource
    bool writeBack = true;    // store the verdict in the manifest
    bool audit = true;
    // PostgreSQL: also restore into a scratch database on this server and count rows (PgScratchCheck).
    Target scratchServer;
    // A backup whose manifest already records a full "verified" verdict, and whose size and SHA-256 still match
    // it, holds the very bytes that passed: the integrity check and row counts are not run again (the
    // restore's first step). `dbops verify` always runs everything.
    bool reuseVerdict = false;
    // The file is a scratch copy this very restore just had written into a private folder (`restore --at`:
    // Litestream's restore of a replica, whose snapshot and WAL frames carry their own checksums): there is no
    // checksum to compare it with, so none is computed, and SQLite's quick_check (every page's structure and
    // every record's format, not the index-to-table cross-check) runs instead of the full integrity_check, on a
    // thread of its own while the rows are counted. A damaged page still fails it.
    bool freshScratch = false;
};

struct VerifyReport {
    QString path;
    QString manifestPath;
    bool hasManifest = false;
    BackupManifest manifest;
    Verification::State state = Verification::State::Unverified;
    QStringList problems;
    QString sha256;             // as computed now
    QList<TableRows> tables;    // row counts found in the backup now (reused verdict: the manifest's)
    bool reusedVerdict = false; // the checksum matched a manifest verified before: no second full check
    // "bot": the bot's own copy (BotBackups), checked without a dbops manifest: `manifest` is synthesized (its
    // tables and SHA-256 are what this check found, so a restore checks itself against them), nothing written back.
    QString origin = QStringLiteral("dbops");
    QString checksumFile; // bot: the sidecar / manifest.json whose SHA-256 was compared; empty: none
    // Set when VerifyOptions::expectedSourceId was given and this is a backup of another store: what it is a backup
    // of, in words. The caller's question, not the backup's health: never part of `state`, `problems` or the
    // verdict written into the manifest (a good backup offered to the wrong store stays verified).
    QString otherSource;

    bool verified() const { return state == Verification::State::Verified; }
    // status, problems, path, manifest, sha256, tables, origin, checksum_file, other_source
    QJsonObject toJson() const;
};

class BackupVerifier {
public:
    // `path`: the backup file or its manifest. NotFound when neither exists; otherwise a report.
    static Expected<VerifyReport> verify(const QString &path, const VerifyOptions &options, const OpControl &control);
    // The backup file a PATH argument means (strips ".manifest.json").
    static QString backupPathOf(const QString &path);

private:
    static void verifySqlite(VerifyReport &report, const OpControl &control, bool quick = false);
    // Rows of every table of `db` into report.tables, compared with the manifest's when there is one.
    static void countTables(VerifyReport &report, SqliteHandle &db, const OpControl &control);
    static Error verifyFile(VerifyReport &report, const VerifyOptions &options, const OpControl &control);
    static Error verifyDataDir(VerifyReport &report, const VerifyOptions &options, const OpControl &control);
};

} // namespace dbops
