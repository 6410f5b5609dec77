// A store whose writer died mid-transaction (a hot rollback journal beside it): every command that reads it
// says what it is in one line and exits 3 ("unusable input"), and neither the store nor its journal changes:
// the journal is the bot's to roll back, and evidence until then.
#include "clirunner.h"
#include "filesnapshot.h"
#include "hostilefiles.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliHotJournal : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        m_db = m_dir.filePath(QStringLiteral("bot.db"));
        QVERIFY(HostileFiles::hotJournal(m_db));
    }

    void saysHotJournalAndChangesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        for (const char *command : {"info", "health", "pool", "slow", "migrations"}) {
            QTest::newRow(command) << QStringList{QLatin1String(command)};
            QTest::newRow(qPrintable(QStringLiteral("%1 --json").arg(QLatin1String(command))))
                << QStringList{QLatin1String(command), QStringLiteral("--json")};
        }
        QTest::newRow("backup") << QStringList{QStringLiteral("backup"), QStringLiteral("--out"),
                                               m_dir.filePath(QStringLiteral("backups"))};
    }

    void saysHotJournalAndChangesNothing()
    {
        QFETCH(QStringList, args);
        const QString journal = m_db + QStringLiteral("-journal");
        const QByteArray dbBefore = FileSnapshot::digest(m_db);
        const QByteArray journalBefore = FileSnapshot::digest(journal);
        const CliResult r = CliRunner::run(args + QStringList{QStringLiteral("--db"), m_db}, m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QStringLiteral("hot rollback journal")), r.err.constData());
        QVERIFY2(!r.err.contains("readonly database") && !r.err.contains("Unable to execute"), r.err.constData());
        if (args.contains(QStringLiteral("--json")))
            QCOMPARE(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                     QStringLiteral("hot_journal"));
        QCOMPARE(FileSnapshot::digest(m_db), dbBefore);
        QCOMPARE(FileSnapshot::digest(journal), journalBefore);
    }
};

QTEST_GUILESS_MAIN(TestCliHotJournal)
#include "tst_cli_hotjournal.moc"
