#pragma once
// `dbops backup --engine pgbackrest`: one entry point that finds the stanza, runs the engine's backup with
// progress, records it in the backup catalog (a small record file naming the stanza and label, with its
// manifest, engine "pgbackrest": the data itself stays in pgBackRest's repository) and in the audit trail.
#include "connection/target.h"
#include "core/expected.h"
#include "pitr/pitrlocator.h"

namespace dbops {

struct PitrBackupResult {
    PitrInfo info;      // the stanza after the backup
    PitrBackup backup;  // the backup made
    QString recordPath; // the catalog's record of it
    QString manifestPath;
    qint64 durationMs = 0;
    // status, engine, stanza, backup {...}, record, manifest, duration_ms, pitr {...}
    QJsonObject toJson() const;
};

class PitrBackupService {
public:
    // outDir empty: Paths::defaultBackupDir().
    static Expected<PitrBackupResult> run(const Target &target, const PitrBackupRequest &request,
                                          const PitrSource &source, const QString &outDir, const OpControl &control);
};

} // namespace dbops
