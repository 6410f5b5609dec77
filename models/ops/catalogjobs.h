#pragma once
// The backup catalog's read as a DbWorker file job (submit(..., false)), what `dbops backups` lists.
//
//   files->submit("read backup catalog", CatalogJobs::list(dir), false);
//   // jobFinished(id, v): v.value<CatalogResult>();  jobFailed(id, error)
#include "ops/backupcatalog.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

struct CatalogResult {
    QString dir; // the folder read
    QList<CatalogEntry> entries;
};

class CatalogJobs {
public:
    // `dir`: the backup folder; empty: Paths::defaultBackupDir().
    static Job list(const QString &dir);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::CatalogResult)
