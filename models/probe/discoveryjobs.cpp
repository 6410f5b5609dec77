#include "probe/discoveryjobs.h"

#include <QFileInfo>

namespace dbops {

Job DiscoveryJobs::scan(const QString &directory)
{
    return [directory](JobContext &) -> QVariant {
        if (!QFileInfo(directory).isDir())
            return QVariant::fromValue(Error::make(ErrorCode::NotFound,
                                                   QStringLiteral("no such directory: %1").arg(directory),
                                                   QStringLiteral("check the bot's data directory path")));
        return QVariant::fromValue(
            DiscoveryResult{directory, StoreDiscovery::scan(directory), QDateTime::currentDateTimeUtc()});
    };
}

Job DiscoveryJobs::sqliteStores(const QString &directory)
{
    return [directory](JobContext &) -> QVariant {
        QStringList stores;
        for (const DiscoveredItem &i : StoreDiscovery::scan(directory))
            if (i.kind == DiscoveredItem::Kind::Sqlite)
                stores << i.path;
        return stores;
    };
}

} // namespace dbops
