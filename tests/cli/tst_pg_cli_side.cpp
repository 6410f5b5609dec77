// restore --at TIME --side-instance DIR --port N against the real PostgreSQL 15 test server and a real pgBackRest
// stanza with a local repository: the side instance holds exactly the commits made up to TIME (checked against a
// writer that logs when each commit happened), never archives into the repository, reports itself in JSON and
// the audit; side-instance --stop removes only what dbops made; bad input is one line. Runs alone (RUN_SERIAL):
// archive_command is the server's.
#include "connection/connector.h"
#include "pgarchive.h"
#include "pgstanza.h"
#include "pgtestserver.h"

#include <QDirIterator>
#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestPgCliSide : public QObject {
    Q_OBJECT
    PgStanza m_stanza{QStringLiteral("dbops_side")};
    QDateTime m_moment;
    QDateTime m_fourthBegun, m_fourthDone; // the server's clock before and after commit 4, the last before the moment
    int m_port = 0;
    CliResult m_restore;

    QString sideDir() const { return m_stanza.path(QStringLiteral("side")); }
    Target side() const
    {
        Target t = PgTestServer::target();
        t.pg.host = QStringLiteral("127.0.0.1");
        t.pg.port = m_port;
        return t;
    }
    CliResult restore(const QString &at, const QString &dir, int port) const
    {
        return m_stanza.dbops(QStringLiteral("restore"), {QStringLiteral("--at"), at, QStringLiteral("--side-instance"),
                                                          dir, QStringLiteral("--port"), QString::number(port)});
    }
    // Commits rows 1..8 one transaction each, noting the server's clock before and after every commit; the
    // moment is taken halfway between commit 4 and commit 5.
    bool writeAndPickMoment()
    {
        ScopedConnection c(PgTestServer::target(), SessionOptions::action(), QStringLiteral("writer"));
        QSqlQuery q(c.db());
        if (!c.ok() || !q.exec(QStringLiteral("DROP TABLE IF EXISTS side_exact")) ||
            !q.exec(QStringLiteral("CREATE TABLE side_exact (n int PRIMARY KEY, at timestamptz NOT NULL)")))
            return false;
        QList<QDateTime> before, after;
        for (int n = 1; n <= 8; ++n) {
            QThread::msleep(200);
            if (!q.exec(QStringLiteral("SELECT clock_timestamp()")) || !q.next())
                return false;
            before << q.value(0).toDateTime().toUTC();
            if (!q.exec(QStringLiteral("INSERT INTO side_exact VALUES (%1, clock_timestamp())").arg(n)) ||
                !q.exec(QStringLiteral("SELECT clock_timestamp()")) || !q.next())
                return false;
            after << q.value(0).toDateTime().toUTC();
        }
        m_moment = after[3].addMSecs(after[3].msecsTo(before[4]) / 2);
        m_fourthBegun = before[3];
        m_fourthDone = after[3];
        return after[3] < m_moment && m_moment < before[4];
    }
    CliResult stop(const QString &dir, bool yes) const
    {
        QStringList args{QStringLiteral("side-instance"), QStringLiteral("--json"), QStringLiteral("--stop"), dir};
        if (yes)
            args << QStringLiteral("--yes");
        return CliRunner::run(args, m_stanza.env(), {}, 120000);
    }
    QString plainDir() const { return m_stanza.path(QStringLiteral("plain")); }
    QList<int> sideRows() const
    {
        ScopedConnection c(side(), SessionOptions::monitor(), QStringLiteral("side"));
        QSqlQuery q(c.db());
        QList<int> rows;
        if (c.ok() && q.exec(QStringLiteral("SELECT n FROM side_exact ORDER BY n")))
            while (q.next())
                rows << q.value(0).toInt();
        return rows;
    }

    QJsonObject listed() const
    {
        const CliResult r = CliRunner::run(
            {QStringLiteral("side-instance"), QStringLiteral("--list"), QStringLiteral("--json")}, m_stanza.env());
        for (const QJsonValue &v : r.json().value(QStringLiteral("side_instances")).toArray())
            if (v.toObject().value(QStringLiteral("data_directory")).toString() == sideDir())
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_stanza.setUpWithFullBackup());
        QVERIFY(QDir().mkpath(plainDir()));
        QFile somebodysFile(plainDir() + QStringLiteral("/keep.txt"));
        QVERIFY(somebodysFile.open(QIODevice::WriteOnly));
        QThread::msleep(1000); // pgBackRest restores to moments from the second after the backup's end
        QVERIFY(writeAndPickMoment());
        QVERIFY(PgStanza::archiveNow()); // the commits after the moment are in the repository too
        m_port = PgStanza::freePort();
        m_restore = restore(m_moment.toString(Qt::ISODateWithMs), sideDir(), m_port);
        QVERIFY2(m_restore.exitCode == 0, m_restore.err.constData());
    }
    void cleanupTestCase()
    {
        stop(sideDir(), true);
        ScopedConnection c(PgTestServer::target(), SessionOptions::action(), QStringLiteral("drop"));
        QSqlQuery(c.db()).exec(QStringLiteral("DROP TABLE IF EXISTS side_exact"));
        QVERIFY(PgArchive::restore());
    }

    void sideInstanceHoldsEveryCommitBeforeTheMomentAndNoneAfter() { QCOMPARE(sideRows(), (QList<int>{1, 2, 3, 4})); }

    void restoreReportsTheSideInstanceInJson()
    {
        const QJsonObject j = m_restore.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(QDateTime::fromString(j.value(QStringLiteral("restored_to")).toString(), Qt::ISODateWithMs), m_moment);
        QCOMPARE(j.value(QStringLiteral("stanza")).toString(), QStringLiteral("dbops_side"));
        QCOMPARE(j.value(QStringLiteral("engine")).toString(), QStringLiteral("pgbackrest"));
        const QJsonObject s = j.value(QStringLiteral("side_instance")).toObject();
        QCOMPARE(s.value(QStringLiteral("data_directory")).toString(), sideDir());
        QCOMPARE(s.value(QStringLiteral("port")).toInt(), m_port);
        QCOMPARE(s.value(QStringLiteral("uri")).toString(), m_stanza.uri(m_port)); // no password in it
    }

    void restoreReportsTheNewestCommitItHolds()
    {
        const QDateTime last = QDateTime::fromString(
            m_restore.json().value(QStringLiteral("last_commit_at")).toString(), Qt::ISODateWithMs);
        QVERIFY2(last >= m_fourthBegun.addMSecs(-1) && last <= m_fourthDone.addMSecs(1),
                 qPrintable(last.toString(Qt::ISODateWithMs)));
    }

    void listShowsTheRunningSideInstance()
    {
        const QJsonObject o = listed();
        QCOMPARE(o.value(QStringLiteral("running")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("port")).toInt(), m_port);
        QCOMPARE(QDateTime::fromString(o.value(QStringLiteral("restored_to")).toString(), Qt::ISODateWithMs), m_moment);
    }

    void sideInstanceDoesNotArchive()
    {
        ScopedConnection c(side(), SessionOptions::monitor(), QStringLiteral("side"));
        QSqlQuery q(c.db());
        QVERIFY2(c.ok(), qPrintable(c.error().oneLine()));
        QVERIFY(q.exec(QStringLiteral("SHOW archive_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("off"));
    }

    void sideInstanceNeverPushesWalIntoTheRepository()
    {
        // The side instance's own timeline (2, from its promotion): an archiving copy would push its history file
        // and segments into the live stanza's repository.
        QStringList pushed;
        QDirIterator it(m_stanza.repository(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            if (const QString name = QFileInfo(it.next()).fileName(); name.startsWith(QLatin1String("00000002")))
                pushed << name;
        QVERIFY2(pushed.isEmpty(), qPrintable(pushed.join(QLatin1Char(' '))));
    }

    void restoreIsAudited()
    {
        const CliResult a = CliRunner::run({QStringLiteral("audit"), QStringLiteral("--json")}, m_stanza.env());
        bool found = false;
        for (const QJsonValue &v : a.json().value(QStringLiteral("records")).toArray()) {
            const QJsonObject r = v.toObject();
            found |= r.value(QStringLiteral("action")).toString() == QLatin1String("restore") &&
                     r.value(QStringLiteral("parameters"))
                         .toString()
                         .contains(QStringLiteral("side_instance=") + sideDir()) &&
                     r.value(QStringLiteral("outcome")).toString() == QLatin1String("ok");
        }
        QVERIFY(found);
    }

    void badInputIsOneLine_data()
    {
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("dir");
        QTest::addColumn<bool>("livePort");
        QTest::addColumn<QString>("says");
        QTest::newRow("occupied port") << QString() << QStringLiteral("new") << true << QStringLiteral("in use");
        QTest::newRow("non-empty directory")
            << QString() << QStringLiteral("plain") << false << QStringLiteral("not empty");
        QTest::newRow("time outside the window") << QStringLiteral("2000-01-01T00:00:00Z") << QStringLiteral("new")
                                                 << false << QStringLiteral("outside the restorable window");
    }
    void badInputIsOneLine()
    {
        QFETCH(QString, at);
        QFETCH(QString, dir);
        QFETCH(bool, livePort);
        QFETCH(QString, says);
        const CliResult r = restore(at.isEmpty() ? m_moment.toString(Qt::ISODateWithMs) : at, m_stanza.path(dir),
                                    livePort ? PgTestServer::target().pg.port : PgStanza::freePort());
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(says), qPrintable(r.errLines().first()));
        QVERIFY(!QFileInfo::exists(m_stanza.path(QStringLiteral("new"))));
    }

    void stopRefusesADirectoryWithoutTheMarker()
    {
        const CliResult r = stop(plainDir(), true);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errLines().value(0).contains(QStringLiteral("marker")));
        QVERIFY(QFile::exists(plainDir() + QStringLiteral("/keep.txt")));
    }

    void stopWithoutYesChangesNothing()
    {
        QCOMPARE(stop(sideDir(), false).exitCode, 1);
        QCOMPARE(sideRows().size(), 4); // still running
    }

    void stopRemovesTheSideInstance()
    {
        const CliResult r = stop(sideDir(), true);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(sideDir()));
        QCOMPARE(ScopedConnection(side(), SessionOptions::monitor(), QStringLiteral("gone")).ok(), false);
        QVERIFY(listed().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPgCliSide)
#include "tst_pg_cli_side.moc"
