#include "ops/pgbackup.h"

namespace dbops {

Expected<BackupResult> PgBackup::run(const Target &target, const BackupRequest &, const OpControl &)
{
    return Error::make(ErrorCode::Unsupported, QStringLiteral("PostgreSQL backup of %1 is not implemented yet").arg(target.display()));
}

} // namespace dbops
