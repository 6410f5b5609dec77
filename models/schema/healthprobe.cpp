#include "schema/healthprobe.h"

#include "connection/connector.h"
#include "connection/storediscovery.h"
#include "schema/pghealth.h"
#include "schema/sqlitehealth.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

namespace {

Expected<HealthReport> dataDir(const Target &target, const HealthOptions &options, const OpControl &control)
{
    if (!QFileInfo(target.path).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(target.path),
                           QStringLiteral("check the bot's data directory path"));
    HealthReport total;
    total.engine = QStringLiteral("sqlite");
    total.location = target.display();
    const QDir dir(target.path);
    int stores = 0;
    for (const DiscoveredItem &item : StoreDiscovery::scan(target.path)) {
        if (item.kind != DiscoveredItem::Kind::Sqlite)
            continue;
        ++stores;
        const QString rel = dir.relativeFilePath(item.path);
        auto one = SqliteHealth::scan(item.path, options, control);
        if (!one) {
            if (one.error().code == ErrorCode::Cancelled)
                return one.error();
            total.add(FindingSeverity::Critical, rel, QStringLiteral("unreadable"),
                      QStringLiteral("%1 could not be scanned: %2").arg(rel, one.error().oneLine()));
            continue;
        }
        total.merge(one.value(), rel);
    }
    if (stores == 0)
        return Error::make(ErrorCode::NotFound, QStringLiteral("no SQLite store found under %1").arg(target.path),
                           QStringLiteral("point dbops at the bot's data directory (the one holding its .db files)"));
    return total;
}

} // namespace

Expected<HealthReport> HealthProbe::collect(const Target &target, const SessionOptions &sessionOptions,
                                            const HealthOptions &options, const OpControl &control)
{
    switch (target.kind) {
    case Target::Kind::SqliteFile: return SqliteHealth::scan(target.path, options, control);
    case Target::Kind::DataDir: return dataDir(target, options, control);
    case Target::Kind::Postgres: {
        ScopedConnection conn(target, sessionOptions, QStringLiteral("health"));
        if (!conn.ok())
            return conn.error();
        return PgHealth::scan(conn.db(), target.display(), options);
    }
    case Target::Kind::None: break;
    }
    return Error::make(ErrorCode::Usage, QStringLiteral("no target to scan"),
                       QStringLiteral("name a store with --db, or a profile"));
}

} // namespace dbops
