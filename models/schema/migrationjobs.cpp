#include "schema/migrationjobs.h"

#include <QFileInfo>

namespace dbops {

WorkerJob MigrationJobs::read(const Target &target, const MigrationsFolder &folder)
{
    if (target.kind == Target::Kind::DataDir)
        return {[folder](JobContext &ctx) {
                    return jobReply(MigrationProbe::collect(ctx.target(), SessionOptions::monitor(), folder));
                },
                false};
    return {[folder](JobContext &ctx) -> QVariant {
                if (!folder.isEmpty() && !QFileInfo(folder.path).isDir())
                    return QVariant::fromValue(Error::make(
                        ErrorCode::NotFound, QStringLiteral("no such migrations folder: %1").arg(folder.path),
                        QStringLiteral("choose the folder holding the migration files")));
                return jobReply(MigrationProbe::run(ctx.db(), ctx.target(), folder));
            },
            true};
}

} // namespace dbops
