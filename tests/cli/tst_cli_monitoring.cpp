// Monitoring never writes to the bot's store: every monitoring command, as text and as JSON, on a store the
// bot is in the middle of using (frames waiting in its -wal; an open transaction with its -journal) leaves
// the database, its -wal and its -journal byte for byte as they were.
#include "busystore.h"
#include "clirunner.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

Q_DECLARE_METATYPE(BusyStore::Mode)

class TestCliMonitoring : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            m_env.insert(QLatin1String(var), m_dir.filePath(QLatin1String(var)));
    }

    void leavesTheStoreByteIdentical_data()
    {
        QTest::addColumn<BusyStore::Mode>("mode");
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("json");
        QTest::addColumn<bool>("dataDir");
        for (BusyStore::Mode mode : {BusyStore::Mode::WalPendingFrames, BusyStore::Mode::RollbackOpenTransaction})
            for (const char *command : {"info", "pool", "slow", "health", "migrations"})
                for (bool json : {false, true})
                    for (bool dataDir : {false, true})
                        QTest::addRow("%s %s%s%s", qPrintable(BusyStore::modeName(mode)), command,
                                      json ? " --json" : "", dataDir ? " (data directory)" : "")
                            << mode << QString::fromLatin1(command) << json << dataDir;
    }

    void leavesTheStoreByteIdentical()
    {
        QFETCH(BusyStore::Mode, mode);
        QFETCH(QString, command);
        QFETCH(bool, json);
        QFETCH(bool, dataDir);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("trading.db"));
        BusyStore store(db, mode);
        QVERIFY(store.ok());
        const QString before = BusyStore::fingerprint(db);
        QStringList args{command, QStringLiteral("--db"), dataDir ? dir.path() : db};
        if (json)
            args << QStringLiteral("--json");
        const CliResult r = CliRunner::run(args, m_env);
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData()); // it did look at the store
        QCOMPARE(BusyStore::fingerprint(db), before);
    }
};

QTEST_GUILESS_MAIN(TestCliMonitoring)
#include "tst_cli_monitoring.moc"
