// A healthy SQLite file of another application (notes, tags, an events log; no table a trading bot uses):
// `info` says no trading-bot tables were found (text, and JSON bot_tables: false), `health` reports it as the
// info finding no_bot_tables and stays OK, and `cleanup --suggest` suggests deleting nothing, saying why.
#include "clirunner.h"
#include "hostilefiles.h"
#include "sqlitefixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliForeignStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_foreign;
    QString m_bot;

    CliResult run(const QStringList &args, const QString &db) const
    {
        return CliRunner::run(args + QStringList{QStringLiteral("--db"), db}, m_env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        m_foreign = m_dir.filePath(QStringLiteral("notes.db"));
        m_bot = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(HostileFiles::foreignSchema(m_foreign));
        QVERIFY(SqliteFixture::createTradingStore(m_bot, 5));
    }

    void infoSaysNoBotTables()
    {
        const CliResult r = run({QStringLiteral("info")}, m_foreign);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("no trading-bot tables found"), r.out.constData());
    }

    void infoJsonCarriesBotTables_data()
    {
        QTest::addColumn<bool>("foreign");
        QTest::newRow("another application's store") << true;
        QTest::newRow("a bot's store") << false;
    }
    void infoJsonCarriesBotTables()
    {
        QFETCH(bool, foreign);
        const CliResult r = run({QStringLiteral("info"), QStringLiteral("--json")}, foreign ? m_foreign : m_bot);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.json().contains(QLatin1String("bot_tables")), r.out.constData());
        QCOMPARE(r.json().value(QLatin1String("bot_tables")).toBool(), !foreign);
    }

    void healthHasTheNoBotTablesFinding()
    {
        const CliResult r = run({QStringLiteral("health"), QStringLiteral("--json")}, m_foreign);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray findings = r.json().value(QLatin1String("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().toObject().value(QLatin1String("code")).toString(), QStringLiteral("no_bot_tables"));
        QCOMPARE(findings.first().toObject().value(QLatin1String("severity")).toString(), QStringLiteral("info"));
    }

    // The events table has a time column and a log's name: in a bot's store it would be offered for pruning.
    void cleanupSuggestsNothingAndSaysWhy()
    {
        const CliResult text = run({QStringLiteral("cleanup"), QStringLiteral("--suggest")}, m_foreign);
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(!text.out.contains("--policy"), text.out.constData());
        QVERIFY2(text.out.contains("no trading-bot tables found"), text.out.constData());
        const CliResult json =
            run({QStringLiteral("cleanup"), QStringLiteral("--suggest"), QStringLiteral("--json")}, m_foreign);
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json().value(QLatin1String("suggestions")).toArray().size(), 0);
        QCOMPARE(json.json().value(QLatin1String("bot_tables")).toBool(true), false);
    }
};

QTEST_GUILESS_MAIN(TestCliForeignStore)
#include "tst_cli_foreignstore.moc"
