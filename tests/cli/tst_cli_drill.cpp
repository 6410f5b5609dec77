// `dbops drill --db TARGET [--backup PATH | --latest] --json`: exit 0 passed, 2 failed or refused (a backup of
// another store), 3 could not run; the JSON keys README documents; a passed drill shows as the status board's
// "last proven restore" row.
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliDrill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

    QString backup()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--json")}, m_env);
        return r.json().value(QLatin1String("path")).toString();
    }
    CliResult drill(const QStringList &more)
    {
        return CliRunner::run(
            QStringList{QStringLiteral("drill"), QStringLiteral("--db"), m_db, QStringLiteral("--json")} + more, m_env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_env.insert(QStringLiteral("TMPDIR"), m_dir.filePath(QStringLiteral("tmp")));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("tmp"))));
        m_db = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 500));
    }

    void noBackupYetExitsThree()
    {
        const CliResult r = drill({});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("no backup of"), r.err.constData());
    }

    void storeThatIsNoDatabaseIsNamed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("what");
        QTest::newRow("empty file") << QByteArray() << "is empty (0 bytes), not an SQLite database";
        QTest::newRow("text file") << QByteArray("host=db1\nport=5432\n") << "is not an SQLite database";
    }
    void storeThatIsNoDatabaseIsNamed()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, what);
        const QString path = m_dir.filePath(QStringLiteral("not-a-store-%1.db").arg(QTest::currentDataTag()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const CliResult r = CliRunner::run({QStringLiteral("drill"), QStringLiteral("--db"), path}, m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        const QString line = r.errLines().first();
        QVERIFY2(line.contains(path + QLatin1Char(' ') + what), qPrintable(line));
        QVERIFY2(line.contains(QLatin1String("--db names the store")), qPrintable(line)); // what to do
    }

    void latestBackupPassesWithTheDocumentedKeys()
    {
        const QString path = backup();
        QVERIFY(!path.isEmpty());
        const CliResult r = drill({QStringLiteral("--latest")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("passed"));
        QCOMPARE(o.value(QLatin1String("backup")).toString(), path);
        QVERIFY(o.value(QLatin1String("restore_s")).isDouble());
        QCOMPARE(o.value(QLatin1String("tables")).toInt(), 3);
        QCOMPARE(o.value(QLatin1String("counts_match")).toBool(), true);
        QVERIFY(!o.value(QLatin1String("checks")).toArray().isEmpty());
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("tmp"))).isEmpty()); // the scratch copy is gone
    }

    void statusShowsTheLastProvenRestore()
    {
        QVERIFY(!backup().isEmpty());
        QCOMPARE(drill({}).exitCode, 0);
        const CliResult r =
            CliRunner::run({QStringLiteral("status"), QStringLiteral("--db"), m_db, QStringLiteral("--json")}, m_env);
        QJsonObject row;
        for (const QJsonValue &v : r.json().value(QLatin1String("checks")).toArray())
            if (v.toObject().value(QLatin1String("name")).toString() == QLatin1String("restore_drill"))
                row = v.toObject();
        QCOMPARE(row.value(QLatin1String("state")).toString(), QStringLiteral("ok"));
        QVERIFY2(row.value(QLatin1String("reason")).toString().startsWith(QLatin1String("last proven restore: ")),
                 qPrintable(row.value(QLatin1String("reason")).toString()));
    }

    void failingProbeExitsTwo()
    {
        const QString path = backup();
        const CliResult r =
            drill({QStringLiteral("--backup"), path, QStringLiteral("--probe"), QStringLiteral("SELECT 1 WHERE 0")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    }

    void backupOfAnotherStoreIsRefused()
    {
        const QString other = m_dir.filePath(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::createTradingStore(other, 5));
        const CliResult b =
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), other, QStringLiteral("--json")}, m_env);
        const QString path = b.json().value(QLatin1String("path")).toString();
        QVERIFY2(!path.isEmpty(), b.err.constData());
        const CliResult r = drill({QStringLiteral("--backup"), path});
        QCOMPARE(r.exitCode, 2); // as restore refuses it
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QStringLiteral("the backup %1 does not belong to this store").arg(path)),
                 r.err.constData());
    }

    void backupAndLatestTogetherIsUsage()
    {
        const CliResult r = drill({QStringLiteral("--backup"), backup(), QStringLiteral("--latest")});
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliDrill)
#include "tst_cli_drill.moc"
