#include "schema/migrationprobe.h"

#include "connection/connector.h"
#include "connection/storediscovery.h"
#include "schema/migrationcompare.h"
#include "schema/migrationreader.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

namespace {

// With the folder chosen (MigrationsFolders::choose), else, for a SQLite store, the one beside it per tool.
void compareAll(QList<MigrationState> &tools, const MigrationsFolder &folder, const QString &storePath)
{
    for (MigrationState &s : tools) {
        if (!s.unreadable.isEmpty()) // nothing applied is known: every file would look pending
            continue;
        const MigrationsFolder used =
            folder.isEmpty() && !storePath.isEmpty() ? MigrationsFolders::besideStore(storePath, s.tool) : folder;
        if (!used.isEmpty())
            MigrationCompare::withFolder(s, used);
    }
}

Expected<MigrationReport> dataDir(const Target &target, const SessionOptions &options, const MigrationsFolder &folder)
{
    if (!QFileInfo(target.path).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(target.path),
                           QStringLiteral("check the bot's data directory path"));
    MigrationReport report;
    const QDir dir(target.path);
    for (const DiscoveredItem &item : StoreDiscovery::scan(target.path)) {
        if (item.kind == DiscoveredItem::Kind::SchemaVersion) {
            MigrationState s;
            s.tool = QStringLiteral("schema_version_file");
            s.store = item.relativePath;
            s.table = item.relativePath;
            s.current = item.version;
            report.tools << s;
            continue;
        }
        if (item.kind != DiscoveredItem::Kind::Sqlite)
            continue;
        const Target store = Target::sqliteFile(item.path);
        ScopedConnection conn(store, options, QStringLiteral("migrations"));
        if (!conn.ok()) {
            report.problems << conn.error().oneLine();
            continue;
        }
        auto tools = MigrationReader::read(conn.db(), QStringLiteral("sqlite"));
        if (!tools) {
            report.problems << QStringLiteral("%1: %2").arg(item.relativePath, tools.error().oneLine());
            continue;
        }
        for (MigrationState &s : tools.value())
            s.store = dir.relativeFilePath(item.path);
        compareAll(tools.value(), folder, item.path);
        report.tools << tools.value();
    }
    return report;
}

} // namespace

Expected<MigrationReport> MigrationProbe::run(QSqlDatabase db, const Target &target, const MigrationsFolder &folder)
{
    auto tools = MigrationReader::read(db, target.engine());
    if (!tools)
        return tools.error();
    compareAll(tools.value(), folder, target.kind == Target::Kind::SqliteFile ? target.path : QString());
    MigrationReport report;
    report.tools = tools.value();
    return report;
}

Expected<MigrationReport> MigrationProbe::collect(const Target &target, const SessionOptions &options,
                                                  const MigrationsFolder &folder)
{
    if (!folder.isEmpty() && !QFileInfo(folder.path).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such migrations folder: %1").arg(folder.path),
                           QStringLiteral("point --dir at the folder holding the migration files"));
    if (target.kind == Target::Kind::DataDir)
        return dataDir(target, options, folder);
    ScopedConnection conn(target, options, QStringLiteral("migrations"));
    if (!conn.ok())
        return conn.error();
    return run(conn.db(), target, folder);
}

} // namespace dbops
