// `dbops audit` lists the trail and `--verify` checks its hash chain: exit 0 whole, 2 broken (naming the
// record), 3 for a time it cannot read.
#include "audit/auditlog.h"
#include "auditfixture.h"
#include "clirunner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestCliAudit : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_next = 0;

    // An environment whose state.db holds `count` actions, the oldest `count` days ago, one a day.
    QProcessEnvironment home(int count, QString *stateDb)
    {
        const QString root = m_dir.filePath(QStringLiteral("home%1").arg(++m_next));
        QProcessEnvironment env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            env.insert(QLatin1String(v), root);
        QDir().mkpath(root + QStringLiteral("/dbops"));
        *stateDb = root + QStringLiteral("/dbops/state.db");
        const AuditLog log(*stateDb);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = count; i >= 1; --i) {
            AuditRecord r;
            r.at = now.addDays(-i);
            r.target = QStringLiteral("/srv/bot/data");
            r.action = QStringLiteral("backup");
            r.outcome = QStringLiteral("ok");
            log.append(r);
        }
        return env;
    }

private Q_SLOTS:
    void listsEveryRecordOldestFirst()
    {
        QString db;
        const auto env = home(3, &db);
        const CliResult r = CliRunner::run({QStringLiteral("audit"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray records = r.json().value(QStringLiteral("records")).toArray();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.at(0).toObject().value(QStringLiteral("id")).toInt(), 1);
        for (const char *key : {"at", "os_user", "target", "action", "outcome", "prev_hash", "hash"})
            QVERIFY2(records.at(2).toObject().contains(QLatin1String(key)), key);
    }

    void sinceKeepsTheNewer_data()
    {
        QTest::addColumn<QString>("since");
        QTest::addColumn<int>("count");
        QTest::newRow("duration") << QStringLiteral("36h") << 1;
        QTest::newRow("iso date") << QDateTime::currentDateTimeUtc().addDays(-2).addSecs(-60).toString(Qt::ISODate)
                                  << 2;
    }
    void sinceKeepsTheNewer()
    {
        QFETCH(QString, since);
        QFETCH(int, count);
        QString db;
        const auto env = home(4, &db);
        const CliResult r =
            CliRunner::run({QStringLiteral("audit"), QStringLiteral("--since"), since, QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), count);
    }

    void unreadableSinceIsUsageError()
    {
        QString db;
        const auto env = home(1, &db);
        const CliResult r =
            CliRunner::run({QStringLiteral("audit"), QStringLiteral("--since"), QStringLiteral("yesterday")}, env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY(r.errLines().first().contains(QStringLiteral("yesterday")));
    }

    void verifyWholeChainExitsZero()
    {
        QString db;
        const auto env = home(3, &db);
        const CliResult r =
            CliRunner::run({QStringLiteral("audit"), QStringLiteral("--verify"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("state")).toString(), QStringLiteral("whole"));
        QCOMPARE(r.json().value(QStringLiteral("checked")).toInt(), 3);
        // README's key is there for a monitor to read, null while the chain is whole.
        QVERIFY(r.json().contains(QStringLiteral("first_broken")));
        QVERIFY(r.json().value(QStringLiteral("first_broken")).isNull());
    }

    void verifyBrokenChainExitsTwoNamingTheRecord()
    {
        QString db;
        const auto env = home(3, &db);
        QVERIFY(AuditFixture::exec(db, {QStringLiteral("UPDATE audit SET outcome = 'failed' WHERE id = 2")}));
        const CliResult r =
            CliRunner::run({QStringLiteral("audit"), QStringLiteral("--verify"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 2);
        const QJsonObject broken = r.json().value(QStringLiteral("first_broken")).toObject();
        QCOMPARE(broken.value(QStringLiteral("id")).toInt(), 2);
        QVERIFY(!broken.value(QStringLiteral("at")).toString().isEmpty());
        QVERIFY(broken.value(QStringLiteral("what")).toString().contains(QStringLiteral("changed")));
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QStringLiteral("record 2")), qPrintable(r.errLines().first()));
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
