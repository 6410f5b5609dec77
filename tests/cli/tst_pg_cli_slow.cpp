// `dbops slow` against a real PostgreSQL load: running statements and blockers in JSON, mark / since-mark,
// cancel with confirmation.
#include "clirunner.h"
#include "loadgen.h"
#include "pgtestserver.h"

#include <QJsonArray>
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
