// `dbops` on a PostgreSQL role with a password that no ~/.pgpass, PGPASSFILE or PGPASSWORD gives: on a
// terminal it asks (the typed password is not echoed and lands in no file); off a terminal it never waits for
// one, and its one-line error says how to give it. The terminal is a real pseudo-terminal made by script(1).
#include "clirunner.h"
#include "pgtestserver.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

struct TerminalRun {
    bool prompted = false;
    int exitCode = -1;
    QByteArray screen; // everything the terminal showed
};

} // namespace

class TestPgCliPassword : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_password;

    QStringList infoArgs() const
    {
        return {QStringLiteral("info"), QStringLiteral("--db"), PgTestServer::target().toSpec()};
    }

    // Runs `dbops args…` on a pseudo-terminal and types `typed` (and Enter) once it asks for a password.
    TerminalRun onTerminal(const QStringList &args, const QString &typed)
    {
        QStringList quoted{QStringLiteral(DBOPS_CLI_PATH)};
        for (const QString &a : args)
            quoted << QLatin1Char('\'') + a + QLatin1Char('\'');
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("script"),
                {QStringLiteral("-qec"), quoted.join(QLatin1Char(' ')), QStringLiteral("/dev/null")});
        TerminalRun run;
        if (!p.waitForStarted())
            return run;
        run.prompted = QTest::qWaitFor(
                           [&] {
                               p.waitForReadyRead(100);
                               run.screen += p.readAll();
                               return run.screen.contains("Password for ") || p.state() == QProcess::NotRunning;
                           },
                           30000) &&
                       run.screen.contains("Password for ");
        if (run.prompted)
            p.write(typed.toUtf8() + '\n');
        if (!p.waitForFinished(60000))
            p.kill();
        run.screen += p.readAll();
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_dir.isValid());
        m_password = PgTestServer::password();
        QVERIFY(m_password.size() >= 8);
        m_env = CliRunner::cleanEnvironment();
        // No password anywhere libpq looks: a HOME without .pgpass, a PGPASSFILE that does not exist.
        m_env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        m_env.insert(QStringLiteral("PGPASSFILE"), m_dir.filePath(QStringLiteral("no-pgpass")));
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QString::fromLatin1(v).toLower()));
    }

    void withoutTerminalFailsSayingHowToGiveIt()
    {
        const CliResult r = CliRunner::run(infoArgs(), m_env, {}, 30000);
        QCOMPARE(r.exitCode, 3);
        const QStringList lines = r.errLines();
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QStringLiteral("~/.pgpass")) &&
                     lines.first().contains(QStringLiteral("terminal")),
                 qPrintable(lines.first()));
        QVERIFY(!r.err.contains("Password for "));
    }

    void terminalAsksWithoutEchoAndConnects()
    {
        const TerminalRun run = onTerminal(infoArgs(), m_password);
        QVERIFY2(run.prompted, run.screen.constData());
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, run.screen.constData());
        QVERIFY2(QString::fromUtf8(run.screen).contains(QRegularExpression(QStringLiteral("engine\\s+postgresql"))),
                 run.screen.constData());
        QVERIFY2(!run.screen.contains(m_password.toUtf8()), "the typed password was echoed");
    }

    void wrongPasswordOnTerminalFailsWithOneLine()
    {
        const TerminalRun run = onTerminal(infoArgs(), QStringLiteral("not-the-password"));
        QVERIFY2(run.prompted, run.screen.constData());
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.screen.contains("password authentication failed"), run.screen.constData());
        QVERIFY(!run.screen.contains("not-the-password"));
    }

    // `verify --scratch` reaches the server given by --db after parsing its own options: it asks as well.
    void verifyScratchAsksOnTerminal()
    {
        const TerminalRun run =
            onTerminal({QStringLiteral("verify"), m_dir.filePath(QStringLiteral("no-such.dump")),
                        QStringLiteral("--scratch"), QStringLiteral("--db"), PgTestServer::target().toSpec()},
                       m_password);
        QVERIFY2(run.prompted, run.screen.constData());
        QVERIFY2(!run.screen.contains(m_password.toUtf8()), "the typed password was echoed");
    }

    void typedPasswordIsWrittenNowhere()
    {
        QVERIFY(onTerminal(infoArgs(), m_password).prompted);
        // The log, the state database, the config: every file this run could write.
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(m_password.toUtf8()), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files > 0); // at least the log was written
    }
};

QTEST_GUILESS_MAIN(TestPgCliPassword)
#include "tst_pg_cli_password.moc"
