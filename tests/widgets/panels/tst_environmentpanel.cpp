// The Environment tab on a real file worker: a detected store that is not on the disk is named as missing,
// so the operator does not open a path the bot never created.
#include "common/errorbanner.h"
#include "panels/environmentpanel.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestEnvironmentPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void missingDetectedPathIsNamed_data()
    {
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("saysMissing");
        QTest::newRow("store on disk") << true << false;
        QTest::newRow("nothing at the path") << false << true;
    }

    void missingDetectedPathIsNamed()
    {
        QFETCH(bool, create);
        QFETCH(bool, saysMissing);
        const QString botDir =
            m_tmp.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        QVERIFY(QDir().mkpath(botDir + QStringLiteral("/data")));
        const QString db = botDir + QStringLiteral("/data/trading.db");
        if (create)
            QVERIFY(SqliteFixture::createTradingStore(db, 1));

        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        EnvironmentPanel panel(&files);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_PATH"), QStringLiteral("data/trading.db"));
        panel.setEnvironment(env);
        panel.setBotDirectory(botDir);
        QSignalSpy detected(&panel, &EnvironmentPanel::detected);
        panel.detect();
        QTRY_COMPARE_WITH_TIMEOUT(detected.size(), 1, 10000);
        QCOMPARE(panel.detectedTarget().path, db);
        const QString banner = panel.findChild<ErrorBanner *>(QStringLiteral("environmentError"))->text();
        QVERIFY2(banner.contains(db + QStringLiteral(" does not exist")) == saysMissing, qPrintable(banner));
    }

    // Opening a store points the tab at the bot it belongs to, so its detection is about that bot, not about the
    // folder the console was started in.
    void anOpenedStoreSetsTheBotDirectory_data()
    {
        QTest::addColumn<Target>("target");
        QTest::addColumn<QString>("botDir");
        QTest::newRow("store under data/")
            << Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db")) << QStringLiteral("/srv/bot");
        QTest::newRow("store beside the bot")
            << Target::sqliteFile(QStringLiteral("/srv/bot2/trading.db")) << QStringLiteral("/srv/bot2");
        QTest::newRow("data directory") << Target::dataDir(QStringLiteral("/srv/bot3/data"))
                                        << QStringLiteral("/srv/bot3/data");
    }

    void anOpenedStoreSetsTheBotDirectory()
    {
        QFETCH(Target, target);
        QFETCH(QString, botDir);
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        EnvironmentPanel panel(&files);
        panel.followTarget(target);
        QCOMPARE(panel.findChild<QLineEdit *>(QStringLiteral("environmentBotDir"))->text(), botDir);
    }

    // A bot reads its settings.json from its own directory: with none named, detection reads that one.
    void theBotDirectorysSettingsJsonIsRead()
    {
        const QString botDir = m_tmp.filePath(QStringLiteral("with-settings"));
        QVERIFY(QDir().mkpath(botDir + QStringLiteral("/state")));
        const QString db = botDir + QStringLiteral("/state/bot.db");
        QVERIFY(SqliteFixture::createTradingStore(db, 1));
        QFile settings(botDir + QStringLiteral("/settings.json"));
        QVERIFY(settings.open(QIODevice::WriteOnly));
        settings.write(R"({"database_type": "sqlite", "db_path": "state/bot.db"})");
        settings.close();

        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        EnvironmentPanel panel(&files);
        panel.setEnvironment(QProcessEnvironment());
        panel.setBotDirectory(botDir);
        QSignalSpy detected(&panel, &EnvironmentPanel::detected);
        panel.detect();
        QTRY_COMPARE_WITH_TIMEOUT(detected.size(), 1, 10000);
        QCOMPARE(panel.detectedTarget().path, db);
    }

    void aBotDirectoryTypedHereStays()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        EnvironmentPanel panel(&files);
        auto *dir = panel.findChild<QLineEdit *>(QStringLiteral("environmentBotDir"));
        dir->clear();
        QTest::keyClicks(dir, QStringLiteral("/home/ops/bot"));
        panel.followTarget(Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db")));
        QCOMPARE(dir->text(), QStringLiteral("/home/ops/bot"));
    }
};

QTEST_MAIN(TestEnvironmentPanel)
#include "tst_environmentpanel.moc"
