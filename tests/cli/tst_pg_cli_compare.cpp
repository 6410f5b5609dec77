// compare and compare --copy-back against the real PostgreSQL 15 test server and a side instance restored with a
// real pgBackRest stanza to before a "bad minute" (rows deleted, rows added, a table created): compare lists what
// changed; copy-back puts one table's rows back after a safety dump, in one transaction that a foreign-key
// violation rolls back; it is audited and refused in incident mode. Runs alone (RUN_SERIAL).
#include "connection/connector.h"
#include "pgarchive.h"
#include "pgstanza.h"
#include "pgtestserver.h"

#include <QProcess>
#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestPgCliCompare : public QObject {
    Q_OBJECT
    PgStanza m_stanza{QStringLiteral("dbops_cmp")};
    int m_port = 0;
    QString m_safetyDump;

    QString sideDir() const { return m_stanza.path(QStringLiteral("side")); }
    static bool exec(const QStringList &statements)
    {
        ScopedConnection c(PgTestServer::target(), SessionOptions::action(), QStringLiteral("cmp"));
        QSqlQuery q(c.db());
        for (const QString &s : statements)
            if (!c.ok() || !q.exec(s)) {
                qWarning("%s: %s", qPrintable(s), qPrintable(q.lastError().text()));
                return false;
            }
        return true;
    }
    static QString liveValue(const QString &sql)
    {
        ScopedConnection c(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("cmp"));
        QSqlQuery q(c.db());
        return c.ok() && q.exec(sql) && q.next() ? q.value(0).toString() : QStringLiteral("?");
    }
    CliResult compare(const QStringList &args) const
    {
        return m_stanza.dbops(QStringLiteral("compare"),
                              QStringList{QStringLiteral("--with"), m_stanza.uri(m_port)} + args, false);
    }
    CliResult copyBack(const QString &table, const QStringList &more) const
    {
        return compare(QStringList{QStringLiteral("--table"), table, QStringLiteral("--copy-back"),
                                   QStringLiteral("--safety-dir"), m_stanza.path(QStringLiteral("safety"))} +
                       more);
    }
    static QJsonObject tableIn(const QJsonObject &j, const QString &table)
    {
        for (const QJsonValue &v : j.value(QStringLiteral("tables")).toArray())
            if (v.toObject().value(QStringLiteral("table")).toString() == table)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(exec({QStringLiteral("DROP TABLE IF EXISTS cmp_child, cmp_parent, cmp_trades, cmp_new, cmp_quiet"),
                      QStringLiteral("CREATE TABLE cmp_quiet (id int)"),
                      QStringLiteral("INSERT INTO cmp_quiet VALUES (1), (2), (3)"),
                      QStringLiteral("CREATE TABLE cmp_parent (id int PRIMARY KEY)"),
                      QStringLiteral("CREATE TABLE cmp_child (id int PRIMARY KEY, parent_id int REFERENCES "
                                     "cmp_parent, created_at timestamptz DEFAULT now())"),
                      QStringLiteral("CREATE TABLE cmp_trades (id serial PRIMARY KEY, ts timestamptz NOT NULL)"),
                      QStringLiteral("INSERT INTO cmp_parent VALUES (1), (2)"),
                      QStringLiteral("INSERT INTO cmp_child (id, parent_id) VALUES (1, 1), (2, 2)"),
                      QStringLiteral("INSERT INTO cmp_trades (ts) SELECT '2026-01-01'::timestamptz + g * interval "
                                     "'1 minute' FROM generate_series(1, 50) g")}));
        QVERIFY(m_stanza.setUpWithFullBackup());
        QThread::msleep(1100); // pgBackRest restores to moments from the second after the backup's end
        const QString moment = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QThread::msleep(100);
        // The bad minute: trades deleted and one added, a child and its parent deleted, a table created.
        QVERIFY(exec({QStringLiteral("DELETE FROM cmp_trades WHERE id > 30"),
                      QStringLiteral("INSERT INTO cmp_trades (ts) VALUES ('2026-02-01')"),
                      QStringLiteral("DELETE FROM cmp_child WHERE id = 2"),
                      QStringLiteral("DELETE FROM cmp_parent WHERE id = 2"),
                      QStringLiteral("CREATE TABLE cmp_new (id int)")}));
        QVERIFY(PgStanza::archiveNow());
        m_port = PgStanza::freePort();
        const CliResult r = m_stanza.dbops(QStringLiteral("restore"),
                                           {QStringLiteral("--at"), moment, QStringLiteral("--side-instance"),
                                            sideDir(), QStringLiteral("--port"), QString::number(m_port)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    void cleanupTestCase()
    {
        CliRunner::run({QStringLiteral("side-instance"), QStringLiteral("--stop"), sideDir(), QStringLiteral("--yes")},
                       m_stanza.env(), {}, 120000);
        exec({QStringLiteral("DROP TABLE IF EXISTS cmp_child, cmp_parent, cmp_trades, cmp_new, cmp_quiet")});
        QVERIFY(PgArchive::restore());
    }

    void compareListsTheChangedTables()
    {
        const CliResult r = compare({});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("differs"));
        const QJsonObject trades = tableIn(j, QStringLiteral("public.cmp_trades"));
        QCOMPARE(trades.value(QStringLiteral("rows_live")).toInt(), 31);
        QCOMPARE(trades.value(QStringLiteral("rows_other")).toInt(), 50);
        QCOMPARE(trades.value(QStringLiteral("dating_column")).toString(), QStringLiteral("ts"));
        QVERIFY(trades.value(QStringLiteral("newest_live")).toString().startsWith(QStringLiteral("2026-02-01")));
        QVERIFY(trades.value(QStringLiteral("newest_other")).toString().startsWith(QStringLiteral("2026-01-01 00:50")));
        QCOMPARE(trades.value(QStringLiteral("differs")).toBool(), true);
    }

    void compareTellsChangedFromUnchangedTables()
    {
        const QJsonObject j = compare({}).json();
        QCOMPARE(tableIn(j, QStringLiteral("public.cmp_quiet")).value(QStringLiteral("differs")).toBool(), false);
        QCOMPARE(tableIn(j, QStringLiteral("public.cmp_parent")).value(QStringLiteral("differs")).toBool(), true);
        QCOMPARE(tableIn(j, QStringLiteral("public.cmp_new")).value(QStringLiteral("only_in")).toString(),
                 QStringLiteral("live"));
    }

    void copyBackWithoutYesIsAPreview()
    {
        const CliResult r = copyBack(QStringLiteral("cmp_trades"), {});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("preview"));
        QCOMPARE(r.json().value(QStringLiteral("rows_now")).toInt(), 31);
        QCOMPARE(r.json().value(QStringLiteral("rows_after")).toInt(), 50);
        QCOMPARE(liveValue(QStringLiteral("SELECT count(*) FROM cmp_trades")), QStringLiteral("31"));
    }

    void copyBackIsRefusedInIncidentMode()
    {
        const CliResult r =
            copyBack(QStringLiteral("cmp_trades"), {QStringLiteral("--yes"), QStringLiteral("--read-only")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(liveValue(QStringLiteral("SELECT count(*) FROM cmp_trades")), QStringLiteral("31"));
    }

    void copyBackPutsTheRowsBack()
    {
        const CliResult r = copyBack(QStringLiteral("cmp_trades"), {QStringLiteral("--yes")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("copied"));
        m_safetyDump = r.json().value(QStringLiteral("safety_dump")).toString();
        // Exactly the side instance's rows: ids 1..50, the one added in the bad minute gone.
        QCOMPARE(liveValue(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) = "
                                          "(SELECT string_agg(g::text, ',') FROM generate_series(1, 50) g) "
                                          "FROM cmp_trades")),
                 QStringLiteral("true"));
        QCOMPARE(
            tableIn(compare({}).json(), QStringLiteral("public.cmp_trades")).value(QStringLiteral("differs")).toBool(),
            false);
    }

    void copyBackLeavesTheLiveSequenceWhereItWas()
    {
        // The id handed out in the bad minute (51) is never handed out again: the sequence is not set back to the
        // side instance's 50.
        QCOMPARE(liveValue(QStringLiteral("SELECT last_value FROM cmp_trades_id_seq")), QStringLiteral("51"));
    }

    void copyBackTookASafetyDumpOfTheTable()
    {
        QVERIFY(QFile::exists(m_safetyDump));
        QProcess list;
        list.start(PgTestServer::binDir() + QStringLiteral("/pg_restore"), {QStringLiteral("--list"), m_safetyDump});
        QVERIFY(list.waitForFinished(30000));
        const QString toc = QString::fromUtf8(list.readAllStandardOutput());
        QVERIFY(toc.contains(QStringLiteral("TABLE DATA public cmp_trades")));
        QVERIFY(!toc.contains(QStringLiteral("cmp_parent")));
    }

    void copyBackRollsBackOnForeignKeyViolation()
    {
        // The side instance's child 2 points at parent 2, which the live database no longer has.
        const CliResult r = copyBack(QStringLiteral("cmp_child"), {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QStringLiteral("rolled back")), qPrintable(r.errLines().first()));
        QVERIFY(r.errLines().first().contains(QStringLiteral("foreign key")));
        QCOMPARE(liveValue(QStringLiteral("SELECT string_agg(id::text, ',') FROM cmp_child")), QStringLiteral("1"));
    }

    void copyBackIsAudited()
    {
        const CliResult a = CliRunner::run({QStringLiteral("audit"), QStringLiteral("--json")}, m_stanza.env());
        QStringList outcomes;
        for (const QJsonValue &v : a.json().value(QStringLiteral("records")).toArray())
            if (v.toObject().value(QStringLiteral("action")).toString() == QLatin1String("copy-back"))
                outcomes << v.toObject().value(QStringLiteral("outcome")).toString();
        QVERIFY2(outcomes.contains(QStringLiteral("ok")) && outcomes.contains(QStringLiteral("failed")),
                 qPrintable(outcomes.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestPgCliCompare)
#include "tst_pg_cli_compare.moc"
