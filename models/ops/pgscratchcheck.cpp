#include "ops/pgscratchcheck.h"

#include "connection/connector.h"
#include "core/incidentmode.h"
#include "dialect/sqltext.h"
#include "ops/backupverifier.h"
#include "ops/pgname.h"
#include "ops/pgtools.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <unistd.h>

namespace dbops {

namespace {

Error exec(const Target &target, const QString &sql, const QString &what)
{
    SessionOptions options = SessionOptions::action();
    options.statementTimeoutMs = 0;
    ScopedConnection conn(target, options, QStringLiteral("verify-scratch"));
    if (!conn.ok())
        return conn.error();
    QSqlQuery q(conn.db());
    if (!q.exec(sql))
        return Connector::classify(q.lastError(), target, what);
    return {};
}

void countRows(VerifyReport &report, const Target &scratch)
{
    SessionOptions options = SessionOptions::monitor();
    options.statementTimeoutMs = 0;
    ScopedConnection conn(scratch, options, QStringLiteral("verify-scratch-count"));
    if (!conn.ok()) {
        report.problems << conn.error().oneLine();
        return;
    }
    report.tables.clear();
    for (const TableRows &t : report.manifest.tables) {
        const PgName name = PgName::of(t);
        QSqlQuery q(conn.db());
        if (!q.exec(SqlText::postgresql("common", "count_rows", {{"table", name.sql()}})) || !q.next()) {
            report.problems
                << QStringLiteral("table %1 is missing after a restore into a scratch database").arg(name.display());
            continue;
        }
        const qint64 rows = q.value(0).toLongLong();
        report.tables << TableRows{t.name, rows, {}};
        if (rows != t.rows)
            report.problems << QStringLiteral(
                                   "table %1 has %2 rows after a restore into a scratch database, the manifest says %3")
                                   .arg(name.display())
                                   .arg(rows)
                                   .arg(t.rows);
    }
}

} // namespace

Error PgScratchCheck::run(VerifyReport &report, const Target &server, const OpControl &control, const Inspect &inspect)
{
    if (!server.isPostgres())
        return Error::make(ErrorCode::Usage, QStringLiteral("--scratch needs a PostgreSQL server to restore into"),
                           QStringLiteral("name one with --db"));
    // A scratch database is a new database on the server: verify goes on in incident mode, this part does not.
    if (Error e = IncidentMode::refuse(QStringLiteral("a scratch restore (it creates a database on the server)")))
        return e;
    const int major = report.manifest.tools.value(QLatin1String("server_major")).toInt();
    auto tool = PgTools::find(QStringLiteral("pg_restore"),
                              std::max(major, report.manifest.tools.value(QLatin1String("pg_dump_major")).toInt()));
    if (!tool)
        return tool.error();
    const QString name = QStringLiteral("dbops_verify_%1_%2").arg(getpid()).arg(QDateTime::currentMSecsSinceEpoch());
    Target maintenance = server;
    maintenance.pg.dbname = QStringLiteral("postgres");
    Target scratch = server;
    scratch.pg.dbname = name;
    control.report(0, 3, QStringLiteral("creating the scratch database"));
    if (Error e =
            exec(maintenance, SqlText::postgresql("verify_scratch", "create", {{"database", PgName::quote(name)}}),
                 QStringLiteral("create a scratch database on"))) {
        e.message = QStringLiteral("cannot create a scratch database: %1").arg(e.message);
        return e;
    }
    PgInvocation invocation(scratch, SessionOptions::action());
    Error cannotRun = invocation.prepare();
    if (!cannotRun) {
        control.report(1, 3, QStringLiteral("restoring into the scratch database"));
        QStringList args{QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
                         QStringLiteral("--exit-on-error"), QStringLiteral("--single-transaction")};
        args << invocation.connectionArgs(name) << report.path;
        QElapsedTimer restoreTime;
        restoreTime.start();
        const Error restored = PgTools::run(tool->path, args, invocation.environment(), control, {});
        const qint64 restoreMs = restoreTime.elapsed();
        if (restored.code == ErrorCode::Unsupported) {
            cannotRun = restored; // pg_restore did not start
        } else if (restored) {
            if (restored.code != ErrorCode::Cancelled)
                report.problems << QStringLiteral("the archive does not restore: %1").arg(restored.message);
        } else {
            control.report(2, 3, QStringLiteral("counting rows in the scratch database"));
            countRows(report, scratch);
            if (inspect)
                inspect(scratch, restoreMs);
        }
    }
    if (Error e = exec(maintenance, SqlText::postgresql("verify_scratch", "drop", {{"database", PgName::quote(name)}}),
                       QStringLiteral("drop the scratch database on")))
        report.problems << QStringLiteral("could not drop the scratch database %1: %2").arg(name, e.oneLine());
    control.report(3, 3, QStringLiteral("scratch restore checked"));
    return cannotRun;
}

} // namespace dbops
