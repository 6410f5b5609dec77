#include "pgtestserver.h"

#include "connection/connector.h"
#include "connection/sessionoptions.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <mutex>
#include <optional>

namespace dbops::test {

namespace {

const char *const kRequiredVars[] = {"DBOPS_TEST_PGHOST", "DBOPS_TEST_PGPORT", "DBOPS_TEST_PGUSER",
                                     "DBOPS_TEST_PGDATABASE", "DBOPS_TEST_PGPASSFILE"};

const QString kHowToStart = QStringLiteral(
    "start it with `bash tests/pg-server.sh start` and `source` the env file it prints before running the "
    "tests (or run everything with `bash installer/dbops-setup.sh test`)");

// Where CREATE/DROP DATABASE run from: never the database being created or dropped, nor template1.
const QString kMaintenanceDb = QStringLiteral("postgres");

// libpq reads PGPASSFILE when it connects; set it once, before any connection and before other threads start.
void exportPassFile()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const QByteArray file = qgetenv("DBOPS_TEST_PGPASSFILE");
        if (!file.isEmpty())
            qputenv("PGPASSFILE", file);
    });
}

QString checkEnvironment()
{
    QStringList missing;
    for (const char *name : kRequiredVars)
        if (qEnvironmentVariableIsEmpty(name))
            missing << QString::fromLatin1(name);
    if (!missing.isEmpty())
        return QStringLiteral("the PostgreSQL test server is not configured (%1 not set); %2")
            .arg(missing.join(QStringLiteral(", ")), kHowToStart);
    const QFileInfo passFile(PgTestServer::passFile());
    if (!passFile.isFile() || !passFile.isReadable())
        return QStringLiteral("the PostgreSQL test server's password file %1 is missing or unreadable (the server "
                              "was stopped?); %2")
            .arg(passFile.filePath(), kHowToStart);
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql");
    return {};
}

QString probe()
{
    if (QString why = checkEnvironment(); !why.isEmpty())
        return why;
    const ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("test-probe"));
    if (!conn.ok())
        return QStringLiteral("the PostgreSQL test server does not answer: %1; %2")
            .arg(conn.error().oneLine(), kHowToStart);
    return {};
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Runs one statement that cannot run inside a transaction block, over a short-lived connection.
Error runOnMaintenanceDb(const QString &sql, const QString &what)
{
    if (QString why = checkEnvironment(); !why.isEmpty())
        return Error::make(ErrorCode::ConnectFailed, why);
    const Target target = PgTestServer::target(kMaintenanceDb);
    SessionOptions options = SessionOptions::action();
    options.applicationName = QStringLiteral("dbops-test-support");
    const ScopedConnection conn(target, options, QStringLiteral("test"));
    if (!conn.ok())
        return conn.error();
    QSqlQuery query(conn.db());
    // Keeps "does not exist, skipping" notices of DROP ... IF EXISTS out of the test output.
    query.exec(QStringLiteral("SET client_min_messages = warning"));
    if (!query.exec(sql))
        return Connector::classify(query.lastError(), target, what);
    return {};
}

} // namespace

bool PgTestServer::available(QString *why)
{
    exportPassFile();
    static QMutex mutex;
    static std::optional<QString> cached; // empty string: available
    QMutexLocker lock(&mutex);
    if (!cached)
        cached = probe();
    if (why)
        *why = *cached;
    return cached->isEmpty();
}

Target PgTestServer::target(const QString &dbname)
{
    exportPassFile();
    PgParams pg;
    pg.host = qEnvironmentVariable("DBOPS_TEST_PGHOST");
    pg.port = qEnvironmentVariableIntValue("DBOPS_TEST_PGPORT");
    pg.user = qEnvironmentVariable("DBOPS_TEST_PGUSER");
    pg.dbname = dbname.isEmpty() ? qEnvironmentVariable("DBOPS_TEST_PGDATABASE") : dbname;
    return Target::postgres(pg);
}

QString PgTestServer::passFile()
{
    exportPassFile();
    return qEnvironmentVariable("DBOPS_TEST_PGPASSFILE");
}

QString PgTestServer::password()
{
    QFile f(passFile());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readLine()).trimmed().section(QLatin1Char(':'), 4)
                                       : QString();
}

Error PgTestServer::createDatabase(const QString &name)
{
    if (name.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("createDatabase: no database name given"));
    if (Error e = dropDatabase(name))
        return e;
    return runOnMaintenanceDb(QStringLiteral("CREATE DATABASE %1 TEMPLATE template1").arg(quoteIdentifier(name)),
                              QStringLiteral("create database \"%1\" on").arg(name));
}

Error PgTestServer::dropDatabase(const QString &name)
{
    if (name.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("dropDatabase: no database name given"));
    return runOnMaintenanceDb(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(quoteIdentifier(name)),
                              QStringLiteral("drop database \"%1\" on").arg(name));
}

QString PgTestServer::binDir()
{
    const QString dir = qEnvironmentVariable("DBOPS_TEST_PGBIN");
    return dir.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : dir;
}

bool PgTestServer::exec(const QStringList &statements, const QString &dbname)
{
    ScopedConnection conn(target(dbname), SessionOptions::action(), QStringLiteral("test-setup"));
    if (!conn.ok()) {
        qWarning("%s", qPrintable(conn.error().oneLine()));
        return false;
    }
    QSqlQuery q(conn.db());
    for (const QString &sql : statements)
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
    return true;
}

QStringList PgTestServer::column(const QString &sql, const QString &dbname)
{
    ScopedConnection conn(target(dbname), SessionOptions::monitor(), QStringLiteral("test-check"));
    QStringList values;
    QSqlQuery q(conn.db());
    if (conn.ok() && q.exec(sql))
        while (q.next())
            values << q.value(0).toString();
    return values;
}

} // namespace dbops::test
