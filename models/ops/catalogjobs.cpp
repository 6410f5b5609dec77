#include "ops/catalogjobs.h"

#include "core/paths.h"

namespace dbops {

Job CatalogJobs::list(const QString &dir)
{
    return [dir](JobContext &) -> QVariant {
        const QString folder = dir.isEmpty() ? Paths::defaultBackupDir() : dir;
        auto entries = BackupCatalog::list(folder);
        if (!entries)
            return QVariant::fromValue(entries.error());
        return QVariant::fromValue(CatalogResult{folder, entries.value()});
    };
}

} // namespace dbops
