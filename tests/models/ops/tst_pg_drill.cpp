// Restore drills of PostgreSQL backups: restored into a scratch database on the store's server, checked there,
// dropped again; the server's database list and the live database are as they were; probes run in the copy.
#include "connection/connector.h"
#include "ops/backupcatalog.h"
#include "ops/backupservice.h"
#include "ops/drill.h"
#include "pgtestserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::PgTestServer;

namespace {
const QString kDb = QStringLiteral("dbops_drill_test");

QStringList column(const QString &dbname, const QString &sql) { return PgTestServer::column(sql, dbname); }
QStringList databases()
{
    return column(QStringLiteral("postgres"), QStringLiteral("SELECT datname FROM pg_database ORDER BY 1"));
}
// What the drill changed in the server's database list: the live database or the server's own ones gone, or a
// scratch database of this process left behind. (Other tests running at the same time create and drop databases
// of their own, other processes' scratch databases among them: their coming and going is not the drill's doing.)
QString databasesProblem(const QString &scratch)
{
    const QStringList after = databases();
    for (const QString &name : {kDb, QStringLiteral("postgres"), QStringLiteral("template1")})
        if (!after.contains(name))
            return QStringLiteral("database %1 is gone").arg(name);
    if (!scratch.isEmpty() && after.contains(scratch))
        return QStringLiteral("the scratch database %1 is still there").arg(scratch);
    const QString mine = QStringLiteral("dbops_verify_%1_").arg(QCoreApplication::applicationPid());
    for (const QString &name : after)
        if (name.startsWith(mine))
            return QStringLiteral("a scratch database of this process is still there: %1").arg(name);
    return {};
}
} // namespace

class TestPgDrill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    BackupResult m_backup;

    DrillRequest request(const QStringList &probes = {}) const
    {
        DrillRequest r;
        r.target = PgTestServer::target(kDb);
        r.backupPath = m_backup.path;
        r.probes = probes;
        return r;
    }
    static const DrillCheck *check(const DrillResult &r, const QString &name)
    {
        for (const DrillCheck &c : r.checks)
            if (c.name == name)
                return &c;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QVERIFY(PgTestServer::exec(
            {"CREATE TABLE bots (id int PRIMARY KEY, name text)",
             "INSERT INTO bots SELECT g, 'bot' || g FROM generate_series(1, 5) g",
             "CREATE TABLE trades (id bigserial PRIMARY KEY, bot_id int REFERENCES bots(id), "
             "price numeric)",
             "INSERT INTO trades (bot_id, price) SELECT 1 + g % 5, g FROM generate_series(1, 3000) g"},
            kDb));
        auto b =
            BackupService::backup(PgTestServer::target(kDb), BackupRequest{m_home.filePath(QStringLiteral("b"))}, {});
        QVERIFY2(b, qPrintable(b ? QString() : b.error().oneLine()));
        m_backup = b.value();
    }

    void passesAndLeavesTheLiveDatabaseAndNoScratch()
    {
        const QStringList liveRows = column(kDb, QStringLiteral("SELECT count(*) || '/' || sum(price) FROM trades"));
        auto r = RestoreDrill::run(request(), {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QVERIFY2(r->passed(), qPrintable(r->problems.join(QLatin1Char('\n'))));
        QVERIFY(r->countsMatch);
        QCOMPARE(r->tables.size(), 2);
        QVERIFY(r->scratchRemoved);
        const QString changed = databasesProblem(r->scratch);
        QVERIFY2(changed.isEmpty(), qPrintable(changed));
        QCOMPARE(column(kDb, QStringLiteral("SELECT count(*) || '/' || sum(price) FROM trades")), liveRows);
        for (const char *name : {"checksum", "restore", "integrity", "foreign_keys", "row_counts"}) {
            const DrillCheck *c = check(r.value(), QString::fromLatin1(name));
            QVERIFY2(c && c->ok, name);
        }
        QCOMPARE(BackupCatalog::entryFor(m_backup.manifestPath).stateName(), QStringLiteral("proven"));
    }

    void probesRunInTheRestoredCopy_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("passes");
        QTest::newRow("a row") << "SELECT count(*) FROM trades WHERE bot_id = 3" << true;
        QTest::newRow("no row") << "SELECT 1 WHERE false" << false;
        QTest::newRow("does not run") << "SELECT * FROM no_such_table" << false;
    }
    void probesRunInTheRestoredCopy()
    {
        QFETCH(QString, sql);
        QFETCH(bool, passes);
        auto r = RestoreDrill::run(request({sql}), {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QCOMPARE(r->passed(), passes);
        QCOMPARE(check(r.value(), QStringLiteral("probe"))->ok, passes);
        const QString changed = databasesProblem(r->scratch);
        QVERIFY2(changed.isEmpty(), qPrintable(changed));
    }

    void anSqliteTargetCannotHoldTheScratchDatabase()
    {
        DrillRequest r = request();
        r.target = Target::sqliteFile(m_home.filePath(QStringLiteral("x.db")));
        auto result = RestoreDrill::run(r, {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Usage);
    }

    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }
};

QTEST_GUILESS_MAIN(TestPgDrill)
#include "tst_pg_drill.moc"
