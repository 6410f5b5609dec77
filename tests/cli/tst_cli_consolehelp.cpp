// dbops-console's own command line: --help and --version answer on a machine without a display (a server,
// an SSH session, CI), print and exit 0, and say nothing about Qt platform plugins.
#include <QProcess>
#include <QtTest>

class TestCliConsoleHelp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void printsWithoutADisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("--db <TARGET>");
        QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("--demo <DIR>");
        QTest::newRow("--version") << QStringLiteral("--version") << QStringLiteral("dbops-console " DBOPS_VERSION);
    }

    void printsWithoutADisplay()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(var));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DBOPS_CONSOLE_PATH), {option});
        QVERIFY(p.waitForFinished(20000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains(expected), qPrintable(out));
        QVERIFY2(!err.contains(QStringLiteral("platform plugin")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCliConsoleHelp)
#include "tst_cli_consolehelp.moc"
