// `dbops verify PATH --json`: status and problems; exit 0 verified, 2 failed, 3 nothing readable there.
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliVerify : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;
    int m_n = 0;

    QString backup()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"),
                            m_dir.filePath(QStringLiteral("b%1").arg(++m_n)), QStringLiteral("--json")},
                           m_env);
        return r.json().value(QLatin1String("path")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 2000));
    }

    void goodBackupExitsZero()
    {
        const QString path = backup();
        QVERIFY(!path.isEmpty());
        const CliResult r = CliRunner::run({QStringLiteral("verify"), path, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("verified"));
        QVERIFY(r.json().value(QLatin1String("problems")).isArray());
        QVERIFY(r.json().value(QLatin1String("problems")).toArray().isEmpty());
    }

    void corruptedBackupExitsTwoNamingTheProblem()
    {
        const QString path = backup();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write(QByteArray(512, '\x11'));
        f.close();
        const CliResult r = CliRunner::run({QStringLiteral("verify"), path, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        const QJsonArray problems = r.json().value(QLatin1String("problems")).toArray();
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.first().toString().contains(QLatin1String("checksum mismatch")),
                 qPrintable(problems.first().toString()));
    }

    void missingPathExitsThree()
    {
        const CliResult r = CliRunner::run(
            {QStringLiteral("verify"), m_dir.filePath(QStringLiteral("no.db")), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 3);
    }

    void noPathIsUsage()
    {
        const CliResult r = CliRunner::run({QStringLiteral("verify")}, m_env);
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliVerify)
#include "tst_cli_verify.moc"
