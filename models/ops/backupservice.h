#pragma once
// Backups of a target, whatever it is: an SQLite file (snapshot copy), a data directory (every SQLite
// store, DuckDB files when no writer holds them), a PostgreSQL database (pg_dump -Fc). Each backup is
// written durably with its manifest beside it, and recorded in the audit trail.
//
// From a GUI job:  worker->submit("backup", [t](JobContext &c) {
//                      auto r = BackupService::backup(t, {}, OpControl::fromJob(c));
//                      return r ? QVariant::fromValue(r.value()) : QVariant::fromValue(r.error()); }, false);
// The engines (SqliteBackup, DataDirBackup, PgBackup) sit below it and share ops/backupresult.h and
// ops/backupnaming.h; none of them includes this file.
#include "connection/target.h"
#include "core/expected.h"
#include "ops/backupresult.h"
#include "worker/opcontrol.h"

namespace dbops {

class BackupService {
public:
    static Expected<BackupResult> backup(const Target &target, const BackupRequest &request, const OpControl &control);
};

} // namespace dbops
