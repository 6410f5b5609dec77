// PostgreSQL tables whose names hold spaces, double quotes, newlines, an apostrophe and '?', a dot, a schema
// named with a space, and "Trades" beside trades: `dbops backup`, `verify` (pg_restore --list and a scratch
// restore) and `restore --to-database` all pass with the right row counts, and a message naming such a table
// stays one line.
#include "clirunner.h"
#include "connection/connector.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_cli_hostile");
const QString kCopy = QStringLiteral("dbops_cli_hostile_copy");

struct HostileTable {
    const char *sql;  // schema-qualified, quoted as CREATE TABLE needs it
    const char *name; // the manifest's "schema.table"
    int rows;
};

// Each table gets a different row count, so a swapped or half-matched name cannot pass.
const HostileTable kTables[] = {
    {"\"public\".\"order book\"", "public.order book", 3},
    {"\"public\".\"new\nline\"", "public.new\nline", 5},
    {"\"public\".\"Trades\"", "public.Trades", 7},
    {"\"public\".\"trades\"", "public.trades", 11},
    {"\"public\".\"say \"\"hi\"\"\"", "public.say \"hi\"", 13},
    {"\"public\".\"\"\"quoted\"\"\"", "public.\"quoted\"", 17},
    {"\"desk one\".\"fills today\"", "desk one.fills today", 19},
    {"\"public\".\"what's up?\"", "public.what's up?", 23},
    {"\"public\".\"a.b\"", "public.a.b", 29},
};

bool exec(const QString &db, const QStringList &statements) { return PgTestServer::exec(statements, db); }

qint64 countRows(const QString &db, const char *quotedTable)
{
    ScopedConnection conn(PgTestServer::target(db), SessionOptions::monitor(), QStringLiteral("count"));
    QSqlQuery q(conn.db());
    return conn.ok() && q.exec(QStringLiteral("SELECT count(*) FROM ") + QString::fromUtf8(quotedTable)) && q.next()
               ? q.value(0).toLongLong()
               : -1;
}

} // namespace

class TestPgCliHostileNames : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_backup;

    QString uri(const QString &dbname) const
    {
        const Target t = PgTestServer::target(dbname);
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(dbname);
    }
    CliResult dbops(const QStringList &args) const { return CliRunner::run(args, m_env, {}, 120000); }

    // A copy of the backup whose manifest also lists a table the archive lacks, named with a newline.
    QString backupListingAGhost()
    {
        const QString dir = m_dir.filePath(QStringLiteral("ghost"));
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        const QString copy = dir + QLatin1Char('/') + QFileInfo(m_backup).fileName();
        if (!QFile::copy(m_backup, copy))
            return {};
        QFile in(m_backup + QStringLiteral(".manifest.json"));
        if (!in.open(QIODevice::ReadOnly))
            return {};
        QJsonObject manifest = QJsonDocument::fromJson(in.readAll()).object();
        QJsonArray tables = manifest.value(QLatin1String("tables")).toArray();
        tables.append(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("public.ghost\nrow")}, {QStringLiteral("rows"), 1}});
        manifest.insert(QStringLiteral("tables"), tables);
        manifest.remove(QStringLiteral("verification")); // not yet verified: a restore checks it in full
        QFile out(copy + QStringLiteral(".manifest.json"));
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(manifest).toJson()) < 0)
            return {};
        return copy;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("PGPASSFILE"), PgTestServer::passFile());
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QStringList setup{QStringLiteral("CREATE SCHEMA \"desk one\"")};
        for (const HostileTable &t : kTables)
            setup << QStringLiteral("CREATE TABLE %1 (id int PRIMARY KEY, created_at timestamptz NOT NULL)")
                         .arg(QString::fromUtf8(t.sql))
                  << QStringLiteral("INSERT INTO %1 SELECT g, '2026-01-01'::timestamptz + g * interval '1 minute' "
                                    "FROM generate_series(1, %2) g")
                         .arg(QString::fromUtf8(t.sql))
                         .arg(t.rows);
        QVERIFY(exec(kDb, setup));
        const CliResult r = dbops({QStringLiteral("backup"), QStringLiteral("--db"), uri(kDb), QStringLiteral("--out"),
                                   m_dir.filePath(QStringLiteral("backups")), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_backup = r.json().value(QLatin1String("path")).toString();
        QVERIFY(QFileInfo::exists(m_backup));
    }

    void backupCountsEveryTable()
    {
        QFile f(m_backup + QStringLiteral(".manifest.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QHash<QString, qint64> rows;
        for (const QJsonValue &v :
             QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("tables")).toArray())
            rows.insert(v.toObject().value(QLatin1String("name")).toString(),
                        v.toObject().value(QLatin1String("rows")).toInteger());
        QCOMPARE(rows.size(), int(std::size(kTables)));
        for (const HostileTable &t : kTables)
            QCOMPARE(rows.value(QString::fromUtf8(t.name), -1), qint64(t.rows));
    }

    void verifyFindsEveryTableInTheArchive()
    {
        const CliResult r = dbops({QStringLiteral("verify"), m_backup, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(r.json().value(QLatin1String("tables")).toArray().size(), int(std::size(kTables)));
    }

    void scratchVerifyCountsEveryTable()
    {
        const CliResult r = dbops({QStringLiteral("verify"), m_backup, QStringLiteral("--scratch"),
                                   QStringLiteral("--db"), uri(kDb), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        const QJsonArray tables = r.json().value(QLatin1String("tables")).toArray();
        QCOMPARE(tables.size(), int(std::size(kTables)));
        for (const QJsonValue &v : tables)
            QCOMPARE(v.toObject().value(QLatin1String("rows")).toInteger(),
                     v.toObject().value(QLatin1String("manifest_rows")).toInteger());
    }

    void restoreIntoANewDatabaseHasEveryRow()
    {
        QVERIFY(!PgTestServer::dropDatabase(kCopy));
        const CliResult r = dbops({QStringLiteral("restore"), m_backup, QStringLiteral("--db"), uri(kDb),
                                   QStringLiteral("--to-database"), kCopy, QStringLiteral("--yes")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        for (const HostileTable &t : kTables)
            QCOMPARE(countRows(kCopy, t.sql), qint64(t.rows));
    }

    void restoreOverTheSameDatabaseHasEveryRow()
    {
        // The preview reads every live table (rows, newest time, rows newer than the backup's) by these names.
        QVERIFY(exec(kDb, {QStringLiteral("INSERT INTO \"public\".\"what's up?\" VALUES (1000, '2027-01-01')")}));
        const CliResult r = dbops({QStringLiteral("restore"), m_backup, QStringLiteral("--db"), uri(kDb),
                                   QStringLiteral("--yes"), QStringLiteral("--force"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        QHash<QString, qint64> lost;
        for (const QJsonValue &v :
             r.json().value(QLatin1String("impact")).toObject().value(QLatin1String("tables")).toArray())
            lost.insert(v.toObject().value(QLatin1String("name")).toString(),
                        v.toObject().value(QLatin1String("rows_lost_estimate")).toInteger());
        QCOMPARE(lost.value(QStringLiteral("public.what's up?"), -1), 1); // the row newer than the backup
        for (const HostileTable &t : kTables)
            QCOMPARE(countRows(kDb, t.sql), qint64(t.rows));
    }

    void verifyNamesAMissingTableOnOneLine()
    {
        const QString ghost = backupListingAGhost();
        QVERIFY(!ghost.isEmpty());
        const CliResult r = dbops({QStringLiteral("verify"), ghost});
        QCOMPARE(r.exitCode, 2);
        const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2); // "FAILED <path>" and the one problem
        QVERIFY2(lines.at(1).startsWith(QLatin1String("  problem: table public.ghost\\nrow is in the manifest")),
                 qPrintable(lines.at(1)));
    }

    void refusedRestoreNamesTheTableOnOneLine()
    {
        const QString ghost = backupListingAGhost();
        QVERIFY(!ghost.isEmpty());
        const CliResult r = dbops({QStringLiteral("restore"), ghost, QStringLiteral("--db"), uri(kDb),
                                   QStringLiteral("--to-database"), kCopy + QStringLiteral("_ghost")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QLatin1String("public.ghost\\nrow")), r.err.constData());
    }

    void cleanupTestCase()
    {
        PgTestServer::dropDatabase(kDb);
        PgTestServer::dropDatabase(kCopy);
    }
};

QTEST_GUILESS_MAIN(TestPgCliHostileNames)
#include "tst_pg_cli_hostilenames.moc"
