// `dbops slow` against a real PostgreSQL load: running statements and blockers in JSON, mark / since-mark,
// cancel with confirmation, figures at full precision, the console's own statements left out.
#include "clirunner.h"
#include "connection/connector.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_slow");
const QString kApp = QStringLiteral("trading_bot_clislow");
} // namespace

class TestPgCliSlow : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;
    QTemporaryDir m_home;

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = CliRunner::cleanEnvironment();
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("state")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        return e;
    }

    CliResult slow(const QStringList &extra) const
    {
        return CliRunner::run(
            QStringList{QStringLiteral("slow"), QStringLiteral("--db"), m_db->uri(), QStringLiteral("--json")} + extra,
            env());
    }

    // A statement the bot runs very often and very fast: its mean is far below what two decimals show.
    Error runCheapStatement(int times) const
    {
        SessionOptions o = SessionOptions::action();
        o.applicationName = kApp + QStringLiteral("_cheap");
        ScopedConnection conn(m_db->target(), o, QStringLiteral("cheap"));
        if (!conn.ok())
            return conn.error();
        QSqlQuery q(conn.db());
        for (int i = 0; i < times; ++i)
            if (!q.exec(QStringLiteral("SELECT 1 + 1")))
                return Error::make(ErrorCode::QueryFailed, q.lastError().text());
        return {};
    }

    static QJsonObject running(const QJsonObject &o, int pid)
    {
        for (const QJsonValue &v : o.value(QStringLiteral("running")).toArray())
            if (v.toObject().value(QStringLiteral("pid")).toInt() == pid)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.slow = 1;
        spec.chainWaiters = 1;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void runningAndBlockedByInJson()
    {
        const CliResult r = slow({});
        QCOMPARE(r.exitCode, 1); // a blocked session is a warning
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("pg_stat_statements"));
        QCOMPARE(o.value(QStringLiteral("threshold_ms")).toDouble(), 100.0);
        QVERIFY(o.value(QStringLiteral("statements")).isArray());
        const QJsonObject sleeper = running(o, m_db->load().slowPids().first());
        QCOMPARE(sleeper.value(QStringLiteral("query")).toString(), QStringLiteral("SELECT pg_sleep(30)"));
        QVERIFY(sleeper.value(QStringLiteral("seconds")).toDouble() > 0.1);
        QVERIFY(sleeper.value(QStringLiteral("blocked_by")).toArray().isEmpty());
        const QJsonObject waiter = running(o, m_db->load().chainPids().first());
        QCOMPARE(waiter.value(QStringLiteral("blocked_by")).toArray(), QJsonArray{m_db->load().holderPid()});
        const QJsonObject root = o.value(QStringLiteral("blocking_tree")).toArray().first().toObject();
        QCOMPARE(root.value(QStringLiteral("pid")).toInt(), m_db->load().holderPid());
    }

    void markThenDeltas()
    {
        QCOMPARE(slow({QStringLiteral("--mark")}).exitCode, 0);
        const CliResult r =
            slow({QStringLiteral("--since-mark"), QStringLiteral("--threshold"), QStringLiteral("100000")});
        const QJsonObject o = r.json();
        QVERIFY(o.contains(QStringLiteral("since")));
        for (const QJsonValue &v : o.value(QStringLiteral("statements")).toArray()) // only the CLI's own since
            QVERIFY(v.toObject().value(QStringLiteral("calls")).toDouble() <= 2);
    }

    // JSON figures are not rounded for display: every statement's total is its calls times its mean.
    void jsonFiguresAreExact()
    {
        const Error e = runCheapStatement(300);
        QVERIFY2(!e, qPrintable(e.oneLine()));
        const QJsonArray list = slow({QStringLiteral("--top"), QStringLiteral("1000")})
                                    .json()
                                    .value(QStringLiteral("statements"))
                                    .toArray();
        QVERIFY(!list.isEmpty());
        bool sawCheap = false;
        for (const QJsonValue &v : list) {
            const QJsonObject s = v.toObject();
            const double calls = s.value(QStringLiteral("calls")).toDouble();
            const double mean = s.value(QStringLiteral("mean_ms")).toDouble();
            const double total = s.value(QStringLiteral("total_ms")).toDouble();
            sawCheap = sawCheap || s.value(QStringLiteral("query")).toString() == QLatin1String("SELECT $1 + $2");
            QVERIFY2(qAbs(total - calls * mean) <= 0.001 * total,
                     qPrintable(QStringLiteral("%1: %2 calls x %3 ms vs %4 ms")
                                    .arg(s.value(QStringLiteral("query")).toString())
                                    .arg(calls)
                                    .arg(mean)
                                    .arg(total)));
        }
        QVERIFY(sawCheap);
    }

    // After the console's probes ran (slow, pool, info on this database), none of its statements is listed.
    void ownStatementsAreHidden()
    {
        for (const char *command : {"slow", "pool", "info"})
            CliRunner::run({QLatin1String(command), QStringLiteral("--db"), m_db->uri(), QStringLiteral("--json")},
                           env());
        const QJsonArray list = slow({QStringLiteral("--top"), QStringLiteral("1000")})
                                    .json()
                                    .value(QStringLiteral("statements"))
                                    .toArray();
        QVERIFY(!list.isEmpty());
        for (const QJsonValue &v : list) {
            const QString query = v.toObject().value(QStringLiteral("query")).toString();
            QVERIFY2(!query.contains(QLatin1String("/* dbops */")), qPrintable(query));
            // What only the console runs: its pg_stat_statements and pg_stat_activity reads, its session set-up.
            for (const char *own : {"pg_stat_statements(", "pg_blocking_pids", "SET statement_timeout"})
                QVERIFY2(!query.contains(QLatin1String(own)), qPrintable(query));
        }
    }

    // The review's attack: statements after the one to explain. PostgreSQL would run them all (COMMIT ends the
    // read-only transaction, BEGIN READ WRITE opens a writable one): refused as bad input, the table stays.
    void explainRunsOneStatementOnly()
    {
        SessionOptions o = SessionOptions::action();
        ScopedConnection conn(m_db->target(), o, QStringLiteral("victim"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS explain_victim (id int)")));
        const CliResult attack = slow({QStringLiteral("--explain"),
                                       QStringLiteral("select 1; commit; begin read write; drop table explain_victim; "
                                                      "commit")});
        QCOMPARE(attack.exitCode, 3);
        QVERIFY2(attack.err.contains("more than one statement"), attack.err.constData());
        QVERIFY(q.exec(QStringLiteral("SELECT to_regclass('explain_victim') IS NOT NULL")) && q.next());
        QVERIFY(q.value(0).toBool());
        const CliResult one =
            slow({QStringLiteral("--explain"), QStringLiteral("select count(*) from explain_victim;")});
        QCOMPARE(one.exitCode, 0);
        QVERIFY(!one.json().value(QStringLiteral("plan")).toArray().isEmpty());
    }

    void cancelNeedsConfirmation()
    {
        const int pid = m_db->load().slowPids().first();
        QCOMPARE(slow({QStringLiteral("--cancel"), QString::number(pid)}).exitCode, 3);
        QVERIFY(!running(slow({}).json(), pid).isEmpty());
        const CliResult r = slow({QStringLiteral("--cancel"), QString::number(pid), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 0);
        QTRY_VERIFY(running(slow({}).json(), pid).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPgCliSlow)
#include "tst_pg_cli_slow.moc"
