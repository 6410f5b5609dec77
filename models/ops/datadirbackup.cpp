#include "ops/datadirbackup.h"

namespace dbops {

Expected<BackupResult> DataDirBackup::run(const Target &target, const BackupRequest &, const OpControl &)
{
    return Error::make(ErrorCode::Unsupported, QStringLiteral("data directory backup of %1 is not implemented yet").arg(target.display()));
}

QList<qint64> DataDirBackup::lockHolders(const QString &) { return {}; }

} // namespace dbops
