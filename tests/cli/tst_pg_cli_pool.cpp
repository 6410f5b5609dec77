// `dbops pool` against a real PostgreSQL load: the public JSON keys and the exit code by thresholds.
#include "clirunner.h"
#include "loadgen.h"
#include "pgplainrole.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_pool");
const QString kApp = QStringLiteral("trading_bot_clipool");
const QString kPlainRole = QStringLiteral("dbops_pool_plain"); // no pg_monitor / pg_read_all_stats
} // namespace

class TestPgCliPool : public QObject {
    Q_OBJECT

    std::unique_ptr<LoadedDatabase> m_db;

    CliResult pool(const QStringList &extra) const
    {
        return CliRunner::run(QStringList{QStringLiteral("pool"), QStringLiteral("--db"), m_db->uri(),
                                          QStringLiteral("--json"), QStringLiteral("--idle-tx-seconds"),
                                          QStringLiteral("3600")} +
                              extra);
    }

    static QJsonObject app(const QJsonObject &o)
    {
        for (const QJsonValue &v : o.value(QStringLiteral("applications")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == kApp)
                return v.toObject();
        return {};
    }

    // `dbops pool` (JSON or text) as a role that cannot see into the load's sessions (the main user's).
    CliResult poolAsPlainRole(bool json) const
    {
        const PgPlainRole role(kPlainRole, kDb);
        if (!role.ok())
            return {};
        QStringList args{QStringLiteral("pool"), QStringLiteral("--db"), role.uri()};
        if (json)
            args << QStringLiteral("--json");
        return CliRunner::run(args, role.cliEnvironment());
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_db = std::make_unique<LoadedDatabase>(kDb);
        LoadSpec spec;
        spec.application = kApp;
        spec.idle = 2;
        spec.idleInTransaction = 1;
        const Error e = m_db->start(spec);
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }

    void cleanupTestCase() { m_db.reset(); }

    void exitCodeByThresholds_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<double>("usage");
        QTest::newRow("ok") << QStringList{QStringLiteral("--pool-max"), kApp + QStringLiteral("=100")} << 0 << 3.0;
        QTest::newRow("warning") << QStringList{QStringLiteral("--pool-max"), kApp + QStringLiteral("=10"),
                                                QStringLiteral("--warn"), QStringLiteral("25")}
                                 << 1 << 30.0;
        QTest::newRow("critical") << QStringList{QStringLiteral("--pool-max"), kApp + QStringLiteral("=3")} << 2
                                  << 100.0;
    }

    void exitCodeByThresholds()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(double, usage);
        const CliResult r = pool(args);
        QCOMPARE(r.exitCode, exitCode);
        const QJsonObject a = app(r.json());
        QCOMPARE(a.value(QStringLiteral("usage_pct")).toDouble(), usage);
    }

    void publicJsonKeys()
    {
        const CliResult r = pool({QStringLiteral("--pool-max"), kApp + QStringLiteral("=3")});
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("max_connections")).toInt(), 100);
        QVERIFY(o.value(QStringLiteral("total")).toInt() >= 4);
        QVERIFY(o.value(QStringLiteral("leak_suspects")).isArray());
        const QJsonObject a = app(o);
        QCOMPARE(a.value(QStringLiteral("name")).toString(), kApp);
        QCOMPARE(a.value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(a.value(QStringLiteral("active")).toInt(), 0);
        QCOMPARE(a.value(QStringLiteral("idle")).toInt(), 2);
        QCOMPARE(a.value(QStringLiteral("idle_in_transaction")).toInt(), 1);
        QCOMPARE(a.value(QStringLiteral("pool_max")).toInt(), 3);
    }

    // The bot's 3 sessions still count, under its application name, their state unknown.
    void countsSessionsTheUserCannotSee()
    {
        const CliResult r = poolAsPlainRole(true);
        const QJsonObject a = app(r.json());
        QCOMPARE(a.value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(a.value(QStringLiteral("hidden")).toInt(), 3);
        QVERIFY(r.json().value(QStringLiteral("hidden_sessions")).toInt() >= 3);
    }

    void jsonSaysTheUserLacksThePrivilege()
    {
        const QJsonObject o = poolAsPlainRole(true).json();
        QCOMPARE(o.value(QStringLiteral("privileged")), QJsonValue(false));
        QCOMPARE(o.value(QStringLiteral("privilege_hint")).toString(),
                 QStringLiteral("the console's user %1 cannot see other users' sessions: GRANT pg_monitor TO %1")
                     .arg(kPlainRole));
    }

    void textSaysTheUserLacksThePrivilege()
    {
        const CliResult r = poolAsPlainRole(false);
        QVERIFY2(r.out.contains(QStringLiteral("GRANT pg_monitor TO %1").arg(kPlainRole).toUtf8()), r.out.constData());
    }

    void privilegedUserIsUnaffected()
    {
        const QJsonObject o = pool({}).json();
        QCOMPARE(o.value(QStringLiteral("privileged")), QJsonValue(true));
        QVERIFY(o.value(QStringLiteral("privilege_hint")).isNull());
        QCOMPARE(app(o).value(QStringLiteral("hidden")).toInt(), 0);
        QCOMPARE(app(o).value(QStringLiteral("idle_in_transaction")).toInt(), 1);
    }

    void leakSuspectInJson()
    {
        QTest::qWait(1100);
        const CliResult r =
            CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), m_db->uri(), QStringLiteral("--json"),
                            QStringLiteral("--idle-tx-seconds"), QStringLiteral("1")});
        QVERIFY(r.exitCode >= 1);
        bool found = false;
        for (const QJsonValue &v : r.json().value(QStringLiteral("leak_suspects")).toArray()) {
            const QJsonObject l = v.toObject();
            if (l.value(QStringLiteral("pid")).toInt() != m_db->load().idleInTransactionPids().first())
                continue;
            found = true;
            QCOMPARE(l.value(QStringLiteral("application")).toString(), kApp);
            QCOMPARE(l.value(QStringLiteral("state")).toString(), QStringLiteral("idle in transaction"));
            QVERIFY(l.value(QStringLiteral("seconds")).toDouble() >= 1);
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestPgCliPool)
#include "tst_pg_cli_pool.moc"
