#pragma once
// Store discovery as DbWorker file jobs (submit(..., false): no connection): the Stores tab's scan of a bot's
// data directory, and the list of its SQLite stores the Cleanup tab offers.
//
//   files->submit("discover stores", DiscoveryJobs::scan(directory), false);
//   // jobFinished(id, v): v.value<DiscoveryResult>();  jobFailed(id, error): no such directory
#include "connection/storediscovery.h"
#include "worker/jobcontext.h"

#include <QDateTime>
#include <QMetaType>

namespace dbops {

struct DiscoveryResult {
    QString directory;
    QList<DiscoveredItem> items;
    QDateTime scannedAt;
};

class DiscoveryJobs {
public:
    // QVariant(DiscoveryResult), or QVariant(Error) when `directory` is not one.
    static Job scan(const QString &directory);
    // QVariant(QStringList): the absolute paths of the SQLite stores under `directory`.
    static Job sqliteStores(const QString &directory);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::DiscoveryResult)
