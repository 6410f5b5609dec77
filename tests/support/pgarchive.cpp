#include "pgarchive.h"

#include "connection/connector.h"
#include "pgtestserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <unistd.h>

namespace dbops::test {

namespace {

bool exec(const QStringList &statements) { return PgTestServer::exec(statements); }

} // namespace

bool PgArchive::setCommand(const QString &command)
{
    QString literal = command;
    literal.replace(QLatin1Char('\''), QStringLiteral("''"));
    return exec({QStringLiteral("ALTER SYSTEM SET archive_command = '%1'").arg(literal),
                 QStringLiteral("SELECT pg_reload_conf()")});
}

bool PgArchive::switchWal()
{
    return exec({QStringLiteral("CREATE TABLE IF NOT EXISTS dbops_wal_filler (n int)"),
                 QStringLiteral("INSERT INTO dbops_wal_filler SELECT g FROM generate_series(1, 1000) g"),
                 QStringLiteral("SELECT pg_switch_wal()")});
}

ArchiverState PgArchive::state()
{
    ArchiverState s;
    ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("archiver"));
    QSqlQuery q(conn.db());
    if (conn.ok() &&
        q.exec(QStringLiteral("SELECT archived_count, failed_count, last_archived_time, "
                              "last_failed_time FROM pg_stat_archiver")) &&
        q.next())
        s = {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toDateTime(), q.value(3).toDateTime()};
    return s;
}

bool PgArchive::waitFor(bool (*done)(const ArchiverState &, const ArchiverState &), int limitMs)
{
    const ArchiverState before = state();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < limitMs) {
        if (!switchWal())
            return false;
        QThread::msleep(300);
        if (done(before, state()))
            return true;
    }
    return false;
}

bool PgArchive::restore()
{
    if (!exec({QStringLiteral("ALTER SYSTEM RESET archive_command"), QStringLiteral("SELECT pg_reload_conf()")}))
        return false;
    // Archiving works again once a segment is archived after the last failure.
    const bool working = waitFor([](const ArchiverState &, const ArchiverState &now) {
        return !now.lastFailed.isValid() || (now.lastArchived.isValid() && now.lastArchived > now.lastFailed);
    });
    return working && exec({QStringLiteral("SELECT pg_stat_reset_shared('archiver')"),
                            QStringLiteral("DROP TABLE IF EXISTS dbops_wal_filler")});
}

QString PgArchive::serverUser() { return ::geteuid() == 0 ? QStringLiteral("postgres") : qEnvironmentVariable("USER"); }

bool PgArchive::giveToServer(const QString &path)
{
    if (::geteuid() != 0)
        return true;
    return QProcess::execute(QStringLiteral("chown"),
                             {QStringLiteral("-R"), QStringLiteral("postgres:postgres"), path}) == 0;
}

} // namespace dbops::test
