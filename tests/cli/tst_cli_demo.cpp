// `dbops demo --out DIR` as an operator tries the console: the store's history ends now (not on a fixed date),
// so the seeds' 7-day market_data retention finds exactly the 3 days the demo's archive job left behind.
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "demo/demooptions.h"

using namespace dbops;
using namespace dbops::test;

class TestCliDemo : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_trading;

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        const QString root = m_dir.filePath(QStringLiteral("demo"));
        const CliResult r = CliRunner::run({QStringLiteral("demo"), QStringLiteral("--out"), root}, m_env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_trading = root + QStringLiteral("/trading/trading.db");
    }

    void historyEndsWithinTheLastQuarterHour()
    {
        const QDateTime newest = QDateTime::fromString(
            SqliteFixture::scalar(m_trading, QStringLiteral("SELECT max(timestamp) FROM market_data")).toString(),
            Qt::ISODateWithMs);
        QVERIFY(newest.isValid());
        const qint64 age = newest.secsTo(QDateTime::currentDateTimeUtc());
        QVERIFY2(age >= 0 && age <= 16 * 60, qPrintable(QString::number(age)));
    }

    void retentionFindsTheThreeDaysDue()
    {
        const CliResult r = CliRunner::run({QStringLiteral("cleanup"), QStringLiteral("--db"), m_trading,
                                            QStringLiteral("--policy"), QStringLiteral("market_data:timestamp:7d"),
                                            QStringLiteral("--dry-run"), QStringLiteral("--json")},
                                           m_env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const DemoOptions demo;
        const qint64 perDay = 24 * 60 / DemoRules::kMarketDataMinutes * demo.symbols.size();
        const qint64 due = r.json().value(QStringLiteral("total_rows")).toInteger();
        // 3 days' bars, plus at most the slots that expired in the minutes since the demo was made.
        QVERIFY2(due >= 3 * perDay && due <= 3 * perDay + 2 * demo.symbols.size(), qPrintable(QString::number(due)));
        QCOMPARE(SqliteFixture::scalar(m_trading, QStringLiteral("SELECT count(*) FROM market_data")).toLongLong(),
                 10 * perDay);
    }
};

QTEST_GUILESS_MAIN(TestCliDemo)
#include "tst_cli_demo.moc"
