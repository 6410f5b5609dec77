// `dbops slow` on SQLite stores: probe queries with plan findings, the operator's own probes, exit codes.
// (PostgreSQL: tst_pg_cli_slow.cpp.)
#include "clirunner.h"
#include "connection/profilestore.h"
#include "sqlitefixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestCliSlow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    // The console's files in the temporary directory (saved probes, profiles).
    QProcessEnvironment env() const
    {
        QProcessEnvironment e = CliRunner::cleanEnvironment();
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        e.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        return e;
    }

    QJsonArray statements(const QString &db, const QStringList &extra = {}) const
    {
        const CliResult r = CliRunner::run(
            QStringList{QStringLiteral("slow"), QStringLiteral("--db"), db, QStringLiteral("--json")} + extra, env());
        return r.json().value(QStringLiteral("statements")).toArray();
    }

    static QJsonObject find(const QJsonArray &list, const QString &query)
    {
        for (const QJsonValue &v : list)
            if (v.toObject().value(QStringLiteral("query")).toString() == query)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 12000, true));
    }

    void probesWithAFullScanFinding()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("probes"));
        QCOMPARE(o.value(QStringLiteral("threshold_ms")).toDouble(), 100.0);
        QVERIFY(o.value(QStringLiteral("running")).toArray().isEmpty());
        const QJsonObject first = o.value(QStringLiteral("statements")).toArray().first().toObject();
        for (const char *key : {"query", "calls", "mean_ms", "total_ms"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("newest rows of trades"));
        QVERIFY(first.value(QStringLiteral("findings"))
                    .toArray()
                    .first()
                    .toString()
                    .startsWith(QStringLiteral("full scan of trades")));
    }

    void ownProbesOnly()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--json"),
                            QStringLiteral("--no-default-probes"), QStringLiteral("--probe"),
                            QStringLiteral("SELECT * FROM trades WHERE id = 7")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray statements = r.json().value(QStringLiteral("statements")).toArray();
        QCOMPARE(statements.size(), 1);
        QCOMPARE(statements.first().toObject().value(QStringLiteral("rows")).toInt(), 1);
        QCOMPARE(statements.first().toObject().value(QStringLiteral("calls")).toInt(), 1);
    }

    void savedProbesPerProfile()
    {
        Profile profile;
        profile.name = QStringLiteral("prod-bot");
        profile.target = Target::sqliteFile(m_db);
        QVERIFY(!ProfileStore(m_dir.filePath(QStringLiteral("config/dbops/profiles.ini"))).save(profile));
        const QString mine = QStringLiteral("SELECT * FROM trades WHERE symbol = 'BTCUSDT'");
        const CliResult saved =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), QStringLiteral("prod-bot"),
                            QStringLiteral("--json"), QStringLiteral("--probe"), mine, QStringLiteral("--save-probes")},
                           env());
        QCOMPARE(saved.exitCode, 1); // its full scan is a warning
        // Later runs on the profile time it without being told; the same file reached by its path does not.
        const QJsonObject probe = find(statements(QStringLiteral("prod-bot")), mine);
        QCOMPARE(probe.value(QStringLiteral("name")).toString(), QStringLiteral("probe 1"));
        QCOMPARE(probe.value(QStringLiteral("calls")).toInt(), 1);
        QVERIFY(probe.value(QStringLiteral("total_ms")).toDouble() > 0);
        QCOMPARE(probe.value(QStringLiteral("mean_ms")).toDouble(), probe.value(QStringLiteral("total_ms")).toDouble());
        QCOMPARE(probe.value(QStringLiteral("findings")).toArray(),
                 QJsonArray{QStringLiteral("full scan of trades (~12000 rows)")});
        QVERIFY(find(statements(m_db), mine).isEmpty());
        QVERIFY(find(statements(QStringLiteral("prod-bot"), {QStringLiteral("--forget-probes")}), mine).isEmpty());
        QVERIFY(find(statements(QStringLiteral("prod-bot")), mine).isEmpty());
    }

    void saveProbesWantsAProbe()
    {
        const CliResult r = CliRunner::run(
            {QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--save-probes")}, env());
        QCOMPARE(r.exitCode, 3);
    }

    void badOrderIsAUsageError()
    {
        const CliResult r = CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db,
                                            QStringLiteral("--order"), QStringLiteral("fastest")});
        QCOMPARE(r.exitCode, 3);
    }

    void cancelIsForPostgresOnly()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("slow"), QStringLiteral("--db"), m_db, QStringLiteral("--cancel"),
                            QStringLiteral("123"), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliSlow)
#include "tst_cli_slow.moc"
