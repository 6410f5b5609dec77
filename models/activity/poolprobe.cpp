#include "activity/poolprobe.h"

#include "connection/connector.h"
#include "core/severityjson.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QSet>

namespace dbops {

namespace {

// The keys PostgreSQL's pool gives, for SQLite stores: no server limit (`max_connections` null), the processes
// other than this one holding any of the stores open (`total`), grouped by command (`applications`). A leak on
// SQLite shows as a held write lock or a starved checkpoint (each store's `write_lock`, `checkpoint`), so
// `leak_suspects` stays empty.
QJsonObject sqliteTotals(const QList<SqlitePool> &stores)
{
    QMap<QString, QList<qint64>> byCommand;
    QSet<qint64> seen;
    for (const SqlitePool &s : stores)
        for (const FileHolder &h : s.holders.holders)
            if (!h.isSelf && !seen.contains(h.pid)) {
                seen.insert(h.pid);
                byCommand[h.command] << h.pid;
            }
    QJsonArray apps;
    for (auto it = byCommand.cbegin(); it != byCommand.cend(); ++it) {
        QJsonArray pids;
        for (qint64 pid : it.value())
            pids.append(double(pid));
        apps.append(QJsonObject{{QStringLiteral("name"), it.key()},
                                {QStringLiteral("total"), double(it.value().size())},
                                {QStringLiteral("pids"), pids}});
    }
    return {{QStringLiteral("max_connections"), QJsonValue()},
            {QStringLiteral("total"), double(seen.size())},
            {QStringLiteral("applications"), apps},
            {QStringLiteral("leak_suspects"), QJsonArray()}};
}

} // namespace

Severity PoolSnapshot::worst() const
{
    Severity w = Severity::Good;
    if (pg)
        w = pg->worst();
    for (const SqlitePool &s : sqlite)
        w = std::max(w, s.severity);
    return w;
}

QJsonObject PoolSnapshot::toJson() const
{
    QJsonObject o;
    if (pg) {
        o = pg->toJson();
    } else {
        QJsonArray stores;
        for (const SqlitePool &s : sqlite)
            stores.append(s.toJson());
        o = sqliteTotals(sqlite);
        o.insert(QStringLiteral("engine"), QStringLiteral("sqlite"));
        o.insert(QStringLiteral("stores"), stores);
        o.insert(QStringLiteral("status"), severityName(worst()));
    }
    o.insert(QStringLiteral("location"), location);
    return o;
}

Expected<PoolSnapshot> PoolProbe::runPostgres(QSqlDatabase db, const Target &target, const PoolOptions &options)
{
    auto activity = PgActivityReader::read(db, target);
    if (!activity)
        return activity.error();
    PoolSnapshot snap;
    snap.engine = QStringLiteral("postgresql");
    snap.location = target.display();
    snap.at = activity->at;
    snap.pg = PgPoolAnalyzer::analyze(activity.value(), options);
    return snap;
}

Expected<PoolSnapshot> PoolProbe::runSqlite(const Target &target, const PoolOptions &options)
{
    PoolSnapshot snap;
    snap.engine = QStringLiteral("sqlite");
    snap.location = target.display();
    snap.at = QDateTime::currentDateTimeUtc();
    if (target.kind == Target::Kind::SqliteFile) {
        if (const Error e = Connector::checkSqliteFile(target.path))
            return e;
        snap.sqlite << SqlitePoolProbe::probe(target.path, options);
        return snap;
    }
    if (!QFileInfo(target.path).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(target.path),
                           QStringLiteral("check the bot's data directory path"));
    const QList<DiscoveredItem> items = StoreDiscovery::scan(target.path);
    for (const DiscoveredItem &item : items) {
        if (item.kind != DiscoveredItem::Kind::Sqlite)
            continue;
        const QString dir = QFileInfo(item.path).absolutePath();
        QList<DiscoveredItem> locks;
        for (const DiscoveredItem &l : items)
            if (l.kind == DiscoveredItem::Kind::LockFile && QFileInfo(l.path).absolutePath() == dir)
                locks << l;
        snap.sqlite << SqlitePoolProbe::probe(item.path, options, locks);
    }
    if (snap.sqlite.isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no SQLite store found under %1").arg(target.path),
                           QStringLiteral("point dbops at the bot's data directory (the one holding its .db files)"));
    return snap;
}

Expected<PoolSnapshot> PoolProbe::collect(const Target &target, const SessionOptions &session,
                                          const PoolOptions &options)
{
    if (target.isSqlite())
        return runSqlite(target, options);
    ScopedConnection conn(target, session, QStringLiteral("pool"));
    if (!conn.ok())
        return conn.error();
    return runPostgres(conn.db(), target, options);
}

} // namespace dbops
