#include "ops/pgbackup.h"

#include "connection/connector.h"
#include "core/printable.h"
#include "dialect/sqltext.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"
#include "ops/pgname.h"
#include "ops/pgtools.h"
#include "ops/sha256.h"
#include "schema/datingcolumn.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace dbops {

namespace {

const QLatin1String kDialect("postgresql");

struct PgTable {
    PgName name;
    qint64 oid = 0;
};

struct ServerInfo {
    int major = 0;
    QString version;
};

Error queryError(const QSqlQuery &q, const Target &target, const QString &what)
{
    return Connector::classify(q.lastError(), target, what);
}

Expected<ServerInfo> serverInfo(QSqlDatabase db, const Target &target)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("backup_server"))) || !q.next())
        return queryError(q, target, QStringLiteral("read the server version of"));
    return ServerInfo{q.value(0).toInt() / 10000, q.value(1).toString()};
}

// Opens the snapshot transaction on `db` and returns its exported id.
Expected<QString> exportSnapshot(QSqlDatabase db, const Target &target, int lockWaitMs)
{
    QSqlQuery q(db);
    const QStringList setup{
        SqlText::postgresql("common", "begin_snapshot"), SqlText::postgresql("backup_snapshot", "no_statement_timeout"),
        SqlText::postgresql("backup_snapshot", "no_idle_timeout"),
        SqlText::postgresql("backup_snapshot", "lock_timeout", {{"milliseconds", QString::number(lockWaitMs)}})};
    for (const QString &sql : setup)
        if (!q.exec(sql))
            return queryError(q, target, QStringLiteral("open a snapshot of"));
    if (!q.exec(SqlText::postgresql("backup_snapshot", "export")) || !q.next())
        return queryError(q, target, QStringLiteral("export a snapshot of"));
    return q.value(0).toString();
}

Expected<QList<PgTable>> listTables(QSqlDatabase db, const Target &target)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("backup_tables"))))
        return queryError(q, target, QStringLiteral("list the tables of"));
    QList<PgTable> tables;
    while (q.next())
        tables << PgTable{PgName{q.value(0).toString(), q.value(1).toString()}, q.value(2).toLongLong()};
    return tables;
}

QString migrationVersion(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("backup_migration_tables"))))
        return {};
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    for (const QString &name : names) {
        const QString column =
            name == QLatin1String("alembic_version") ? QStringLiteral("version_num") : QStringLiteral("version");
        QSqlQuery v(db);
        if (v.exec(SqlText::postgresql("common", "max_text", {{"column", column}, {"table", name}})) && v.next() &&
            !v.value(0).isNull())
            return v.value(0).toString();
    }
    return {};
}

// Rows and newest timestamp of one table, in the snapshot transaction.
Expected<TableRows> countTable(QSqlDatabase db, const Target &target, const PgTable &table)
{
    QSqlQuery columns(db);
    columns.prepare(SqlText::get(kDialect, QStringLiteral("backup_columns")));
    columns.addBindValue(table.name.schema);
    columns.addBindValue(table.name.table);
    QList<QPair<QString, QString>> list;
    if (columns.exec())
        while (columns.next())
            list << qMakePair(columns.value(0).toString(), columns.value(1).toString());
    const QString dating = DatingColumn::pick(list);
    const QString count = dating.isEmpty()
                              ? SqlText::postgresql("backup_snapshot", "count_rows", {{"table", table.name.sql()}})
                              : SqlText::postgresql("backup_snapshot", "count_rows_newest",
                                                    {{"column", PgName::quote(dating)}, {"table", table.name.sql()}});
    QSqlQuery q(db);
    if (!q.exec(count) || !q.next())
        return queryError(q, target, QStringLiteral("count the rows of %1 in").arg(table.name.display()));
    TableRows rows(table.name.key(), q.value(0).toLongLong(), q.value(1).toString());
    rows.schema = table.name.schema;
    rows.oid = table.oid;
    return rows;
}

class DumpRun {
public:
    DumpRun(const Target &target, const BackupRequest &request, const OpControl &control)
        : m_target(target), m_request(request), m_control(control)
    {}
    Expected<BackupResult> run();

private:
    Error startDump(const PgTool &tool, const QString &snapshot, const QString &file);
    void onLine(const QString &line);
    void report(const QString &what) const;
    bool pump(int waitMs)
    {
        return m_dump.poll(waitMs, [this](const QString &l) { onLine(l); });
    }

    const Target &m_target;
    const BackupRequest &m_request;
    const OpControl &m_control;
    PgInvocation *m_invocation = nullptr;
    PgProcess m_dump;
    int m_tables = 0, m_counted = 0, m_dumped = 0;
};

void DumpRun::report(const QString &what) const
{
    // Counting and dumping run side by side; each is half the work.
    const qint64 total = qint64(std::max(1, m_tables)) * 2;
    m_control.report(std::min<qint64>(total - 1, m_counted + m_dumped), total, what);
}

void DumpRun::onLine(const QString &line)
{
    if (line.contains(QLatin1String("dumping contents of table"))) {
        ++m_dumped;
        report(QStringLiteral("pg_dump: %1").arg(Printable::name(line.section(QLatin1String("table "), 1))));
    }
}

Error DumpRun::startDump(const PgTool &tool, const QString &snapshot, const QString &file)
{
    QStringList args{QStringLiteral("--format=custom"), QStringLiteral("--verbose"),
                     QStringLiteral("--lock-wait-timeout=%1").arg(m_request.lockWaitTimeoutMs),
                     QStringLiteral("--snapshot=") + snapshot, QStringLiteral("--file=") + file};
    if (m_request.pgCompression >= 0)
        args << QStringLiteral("--compress=%1").arg(std::clamp(m_request.pgCompression, 0, 9));
    args << m_invocation->connectionArgs();
    return m_dump.start(tool.path, args, m_invocation->environment());
}

Expected<BackupResult> DumpRun::run()
{
    QElapsedTimer timer;
    timer.start();
    const QString dir = BackupNaming::outDirFor(m_request);
    if (!QDir().mkpath(dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the backup folder %1").arg(dir),
                           QStringLiteral("check the path and permissions, or pass another --out"));
    SessionOptions options = m_request.session;
    options.mode = AccessMode::ReadOnly;
    ScopedConnection conn(m_target, options, QStringLiteral("backup-pg"));
    if (!conn.ok())
        return conn.error();
    QSqlDatabase db = conn.db();
    auto server = serverInfo(db, m_target);
    if (!server)
        return server.error();
    auto tool = PgTools::find(QStringLiteral("pg_dump"), server->major);
    if (!tool)
        return tool.error();
    auto snapshot = exportSnapshot(db, m_target, m_request.lockWaitTimeoutMs);
    if (!snapshot)
        return snapshot.error();
    auto tables = listTables(db, m_target);
    if (!tables)
        return tables.error();
    m_tables = int(tables->size());

    const QString stem = m_target.databaseName().isEmpty() ? QStringLiteral("postgres") : m_target.databaseName();
    const QString path =
        BackupNaming::freshName(dir, stem, QStringLiteral(".dump"), m_request.kind, m_request.precedes);
    DurableFile out;
    if (Error e = out.create(path))
        return e;
    PgInvocation invocation(m_target, m_request.session);
    if (Error e = invocation.prepare())
        return e;
    m_invocation = &invocation;
    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    if (Error e = startDump(tool.value(), snapshot.value(), out.tempPath()))
        return e;
    const auto cancelled = [&] {
        m_dump.stop();
        return Error::make(ErrorCode::Cancelled, QStringLiteral("backup of %1 cancelled").arg(m_target.display()));
    };

    BackupManifest m;
    for (const PgTable &t : tables.value()) {
        if (m_control.cancelled())
            return cancelled();
        auto rows = countTable(db, m_target, t);
        if (!rows) {
            m_dump.stop();
            return rows.error();
        }
        m.tables << rows.value();
        ++m_counted;
        pump(0);
        report(QStringLiteral("counting rows of %1").arg(t.name.display()));
    }
    m.migrationVersion = migrationVersion(db);
    while (pump(100))
        if (m_control.cancelled())
            return cancelled();
    if (Error e = m_dump.result())
        return e;
    QSqlQuery(db).exec(SqlText::postgresql("common", "commit"));

    m_control.report(1, 1, QStringLiteral("checksum"));
    auto sha = Sha256::ofFile(out.tempPath(), m_control);
    if (!sha)
        return sha.error();
    m.bytes = QFileInfo(out.tempPath()).size();
    m_control.report(1, 1, QStringLiteral("flushing to disk"));
    if (Error e = out.commit())
        return e;

    m.kind = m_request.kind;
    m.engine = QStringLiteral("postgresql");
    m.source = m_target.display();
    m.sourceId = BackupNaming::sourceId(m_target);
    m.file = QFileInfo(path).fileName();
    m.format_ = QStringLiteral("pg-custom");
    m.createdAt = createdAt;
    m.sha256 = sha.value();
    m.engineVersion = server->version;
    m.tools = QJsonObject{{QStringLiteral("dbops"), QStringLiteral(DBOPS_VERSION)},
                          {QStringLiteral("pg_dump"), tool->path},
                          {QStringLiteral("pg_dump_major"), tool->major},
                          {QStringLiteral("server_major"), server->major},
                          {QStringLiteral("method"), QStringLiteral("pg_dump -Fc --snapshot")},
                          {QStringLiteral("compression"), m_request.pgCompression >= 0
                                                              ? QJsonValue(std::clamp(m_request.pgCompression, 0, 9))
                                                              : QJsonValue(QStringLiteral("default"))}};
    m.durationMs = timer.elapsed();
    return BackupResult::writeBeside(path, m);
}

} // namespace

Expected<BackupResult> PgBackup::run(const Target &target, const BackupRequest &request, const OpControl &control)
{
    return DumpRun(target, request, control).run();
}

} // namespace dbops
