#include "probe/overview.h"

#include "connection/connector.h"
#include "connection/storediscovery.h"
#include "dialect/sqltext.h"
#include "schema/bottables.h"
#include "schema/migrationprobe.h"
#include "schema/migrationsfolders.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace dbops {

namespace {

Error queryError(const QSqlQuery &q, const Target &target)
{
    return Connector::classify(q.lastError(), target, QStringLiteral("read the overview of"));
}

Expected<QStringList> tableNames(QSqlDatabase db, const Target &target)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(target.engine(), QStringLiteral("overview_tables"))))
        return queryError(q, target);
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

Expected<qint64> pragmaInt(QSqlDatabase db, const Target &target, const QString &pragma)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("common", "pragma", {{"name", pragma}})) || !q.next())
        return queryError(q, target);
    return q.value(0).toLongLong();
}

Expected<Overview> sqliteOverview(QSqlDatabase db, const Target &target)
{
    Overview o;
    o.engine = QStringLiteral("sqlite");
    o.database = target.path;
    o.location = target.display();
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("common", "sqlite_version")) || !q.next())
        return queryError(q, target);
    o.version = q.value(0).toString();
    if (!q.exec(SqlText::sqlite("common", "journal_mode")) || !q.next())
        return queryError(q, target);
    o.journalMode = q.value(0).toString().toLower();
    for (auto [field, pragma] : {std::pair{&o.pageSize, "page_size"}, std::pair{&o.pageCount, "page_count"},
                                 std::pair{&o.freelistCount, "freelist_count"}}) {
        auto v = pragmaInt(db, target, QLatin1String(pragma));
        if (!v)
            return v.error();
        *field = v.value();
    }
    auto userVersion = pragmaInt(db, target, QStringLiteral("user_version"));
    if (!userVersion)
        return userVersion.error();
    o.userVersion = int(userVersion.value());
    auto tables = tableNames(db, target);
    if (!tables)
        return tables.error();
    o.tables = tables.value();
    o.botTables = BotTables::anyIn(o.tables);
    o.sizeBytes = QFileInfo(target.path).size();
    o.walBytes = QFileInfo(target.path + QStringLiteral("-wal")).size();
    return o;
}

Expected<Overview> postgresOverview(QSqlDatabase db, const Target &target)
{
    Overview o;
    o.engine = QStringLiteral("postgresql");
    o.location = target.display();
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("overview_server"))) || !q.next())
        return queryError(q, target);
    const QSqlRecord r = q.record();
    o.version = q.value(r.indexOf(QStringLiteral("server_version"))).toString();
    o.serverVersionNum = q.value(r.indexOf(QStringLiteral("server_version_num"))).toInt();
    o.database = q.value(r.indexOf(QStringLiteral("database"))).toString();
    o.sizeBytes = q.value(r.indexOf(QStringLiteral("size_bytes"))).toLongLong();
    o.maxConnections = q.value(r.indexOf(QStringLiteral("max_connections"))).toInt();
    o.reservedConnections = q.value(r.indexOf(QStringLiteral("reserved_connections"))).toInt();
    o.uptimeSeconds = q.value(r.indexOf(QStringLiteral("uptime_seconds"))).toLongLong();
    o.connections = q.value(r.indexOf(QStringLiteral("connections"))).toInt();
    o.inRecovery = q.value(r.indexOf(QStringLiteral("in_recovery"))).toBool();
    auto tables = tableNames(db, target);
    if (!tables)
        return tables.error();
    o.tables = tables.value();
    return o;
}

} // namespace

Expected<Overview> OverviewProbe::run(QSqlDatabase db, const Target &target)
{
    return target.isPostgres() ? postgresOverview(db, target) : sqliteOverview(db, target);
}

Expected<Overview> OverviewProbe::runDataDir(const Target &target, const SessionOptions &options)
{
    if (!QFileInfo(target.path).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(target.path),
                           QStringLiteral("check the bot's data directory path"));
    Overview total;
    total.engine = QStringLiteral("sqlite");
    total.database = target.path;
    total.location = target.display();
    const QDir dir(target.path);
    for (const DiscoveredItem &item : StoreDiscovery::scan(target.path)) {
        if (item.kind == DiscoveredItem::Kind::LockFile)
            total.locks << item;
        if (item.kind == DiscoveredItem::Kind::DuckDb) {
            Overview duck;
            duck.engine = DiscoveredItem::kindName(item.kind);
            duck.database = duck.location = duck.path = item.path;
            duck.sizeBytes = item.bytes;
            duck.walBytes = item.walBytes;
            duck.modified = item.modified;
            duck.note = item.note;
            total.sizeBytes += item.bytes;
            total.stores << duck;
        }
        if (item.kind != DiscoveredItem::Kind::Sqlite)
            continue;
        const Target store = Target::sqliteFile(item.path);
        ScopedConnection conn(store, options, QStringLiteral("overview"));
        Expected<Overview> one = conn.ok() ? sqliteOverview(conn.db(), store) : Expected<Overview>(conn.error());
        if (!one) {
            total.problems << one.error().oneLine();
            continue;
        }
        const QString rel = dir.relativeFilePath(item.path);
        for (const QString &t : one->tables)
            total.tables << rel + QLatin1Char(':') + t;
        total.sizeBytes += one->sizeBytes;
        total.walBytes += one->walBytes;
        total.version = one->version;
        one->path = item.path;
        one->modified = item.modified;
        one->note = item.note;
        total.stores << one.value();
    }
    if (total.stores.isEmpty() && total.problems.isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no store found under %1").arg(target.path),
                           QStringLiteral("point dbops at the bot's data directory (the one holding its .db files)"));
    return total;
}

Expected<Overview> OverviewProbe::collect(const Target &target, const SessionOptions &options, bool schema)
{
    if (target.kind == Target::Kind::DataDir) {
        auto o = runDataDir(target, options);
        if (o && schema)
            addSchema(o.value(), {}, target, options, MigrationsFolders().choose(target, {}));
        return o;
    }
    ScopedConnection conn(target, options, QStringLiteral("overview"));
    if (!conn.ok())
        return conn.error();
    return collectOn(conn.db(), target, options, schema);
}

Expected<Overview> OverviewProbe::collectOn(QSqlDatabase db, const Target &target, const SessionOptions &options,
                                            bool schema)
{
    auto o = run(db, target);
    if (o && schema)
        addSchema(o.value(), db, target, options, MigrationsFolders().choose(target, {}));
    return o;
}

void OverviewProbe::addSchema(Overview &overview, QSqlDatabase db, const Target &target, const SessionOptions &options,
                              const MigrationsFolder &folder)
{
    Expected<MigrationReport> report = MigrationReport();
    if (!folder.isEmpty() && !QFileInfo(folder.path).isDir())
        report = Error::make(ErrorCode::NotFound, QStringLiteral("no such migrations folder: %1").arg(folder.path));
    else if (target.kind == Target::Kind::DataDir)
        report = MigrationProbe::collect(target, options, folder);
    else
        report = MigrationProbe::run(db, target, folder);
    overview.schema =
        report ? report->summary() : QStringLiteral("schema: unreadable (%1)").arg(report.error().message);
    overview.schemaStatus = report ? report->status() : QStringLiteral("warn");
}

QJsonObject Overview::toJson() const
{
    QJsonObject o{
        {QStringLiteral("engine"), engine},
        {QStringLiteral("version"), version},
        {QStringLiteral("database"), database},
        {QStringLiteral("location"), location},
        {QStringLiteral("size_bytes"), double(sizeBytes)},
        {QStringLiteral("table_count"), tables.size()},
        {QStringLiteral("tables"), QJsonArray::fromStringList(tables)},
    };
    if (!schema.isEmpty())
        o.insert(QStringLiteral("schema"), schema);
    if (!path.isEmpty()) {
        o.insert(QStringLiteral("path"), path);
        o.insert(QStringLiteral("modified"), modified.toUTC().toString(Qt::ISODateWithMs));
    }
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    if (engine == QLatin1String("sqlite")) {
        o.insert(QStringLiteral("wal_bytes"), double(walBytes));
        if (stores.isEmpty()) {
            o.insert(QStringLiteral("journal_mode"), journalMode);
            o.insert(QStringLiteral("page_size"), double(pageSize));
            o.insert(QStringLiteral("page_count"), double(pageCount));
            o.insert(QStringLiteral("freelist_count"), double(freelistCount));
            o.insert(QStringLiteral("user_version"), userVersion);
            o.insert(QStringLiteral("bot_tables"), botTables);
        }
    } else if (engine == QLatin1String("postgresql")) {
        o.insert(QStringLiteral("server_version_num"), serverVersionNum);
        o.insert(QStringLiteral("max_connections"), maxConnections);
        o.insert(QStringLiteral("reserved_connections"), reservedConnections);
        o.insert(QStringLiteral("connections"), connections);
        o.insert(QStringLiteral("uptime_seconds"), double(uptimeSeconds));
        o.insert(QStringLiteral("in_recovery"), inRecovery);
    } else {
        o.insert(QStringLiteral("wal_bytes"), double(walBytes)); // a DuckDB file's .wal
    }
    if (!stores.isEmpty() || !problems.isEmpty()) {
        QJsonArray list;
        for (const Overview &s : stores)
            list.append(s.toJson());
        o.insert(QStringLiteral("stores"), list);
        o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems));
        QJsonArray lockList;
        for (const DiscoveredItem &l : locks) {
            QJsonArray holders;
            for (qint64 pid : l.lockHolders)
                holders.append(double(pid));
            lockList.append(QJsonObject{{QStringLiteral("path"), l.path},
                                        {QStringLiteral("relative_path"), l.relativePath},
                                        {QStringLiteral("pid"), double(l.pid)},
                                        {QStringLiteral("state"), l.lockState()},
                                        {QStringLiteral("holders"), holders},
                                        {QStringLiteral("note"), l.note}});
        }
        o.insert(QStringLiteral("locks"), lockList);
    }
    return o;
}

} // namespace dbops
