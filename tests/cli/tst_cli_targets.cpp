// Every command on a store meets a --db it cannot use the same way, before any option of its own is looked at:
// one line on stderr naming the cause and what to do, nothing else on stdout (with --json the error object),
// exit 3 — a typo in a cron line must not read as "0 lock files, OK" or as a complaint about another option.
#include "clirunner.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliTargets : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    // A typo in the file name, in a folder that exists.
    QString missingFile() const { return m_dir.filePath(QStringLiteral("tradng.db")); }

    // The commands that work on an existing store, each with the options it needs to get that far.
    void addCommandRows() const
    {
        QTest::addColumn<QStringList>("args");
        const QString backupDir = m_dir.filePath(QStringLiteral("backups"));
        const QList<QStringList> commands = {
            {QStringLiteral("info")},
            {QStringLiteral("health")},
            {QStringLiteral("backup"), QStringLiteral("--out"), backupDir},
            {QStringLiteral("cleanup")},
            {QStringLiteral("cleanup"), QStringLiteral("--policy"), QStringLiteral("candles:ts:7d")},
            {QStringLiteral("locks")},
            {QStringLiteral("maintain"), QStringLiteral("--op"), QStringLiteral("analyze")},
            {QStringLiteral("migrations")},
            {QStringLiteral("pool")},
            {QStringLiteral("sessions"), QStringLiteral("--app"), QStringLiteral("bot")},
            {QStringLiteral("slow")},
        };
        for (const QStringList &args : commands)
            QTest::newRow(qPrintable(args.join(QLatin1Char(' ')))) << args;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
    }

    void missingFileIsOneLineAndExit3_data() { addCommandRows(); }
    void missingFileIsOneLineAndExit3()
    {
        QFETCH(QStringList, args);
        const CliResult r = CliRunner::run(args << QStringLiteral("--db") << missingFile(), m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines(), QStringList{QStringLiteral("dbops: no such file: %1 — check the path; dbops never "
                                                          "creates a database")
                                               .arg(missingFile())});
        QCOMPARE(r.out, QByteArray());
    }

    void missingFileInJsonIsTheErrorObject_data() { addCommandRows(); }
    void missingFileInJsonIsTheErrorObject()
    {
        QFETCH(QStringList, args);
        const CliResult r =
            CliRunner::run(args << QStringLiteral("--db") << missingFile() << QStringLiteral("--json"), m_env);
        QCOMPARE(r.exitCode, 3);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        const QJsonObject error = j.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("no such file: ") + missingFile());
    }

    // restore takes a store that may not exist yet (it says how to create one): an unknown profile is still
    // the same error as everywhere.
    void unknownProfileIsOneLineAndExit3_data()
    {
        addCommandRows();
        QTest::newRow("restore") << QStringList{QStringLiteral("restore"), m_dir.filePath(QStringLiteral("b.db"))};
    }
    void unknownProfileIsOneLineAndExit3()
    {
        QFETCH(QStringList, args);
        const CliResult r = CliRunner::run(args << QStringLiteral("--db") << QStringLiteral("nosuchprofile"), m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().startsWith(QStringLiteral("dbops: no saved profile named \"nosuchprofile\" — ")),
                 r.err.constData());
        QCOMPARE(r.out, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestCliTargets)
#include "tst_cli_targets.moc"
