// A profile's Litestream replica folder (replica= in profiles.ini): `backups`, `restore --at` and `protect` use it
// when --replica is not given, with the real Litestream making the replica.
#include "clirunner.h"
#include "connection/profilestore.h"
#include "ops/litestream.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::SqliteFixture;

namespace {
constexpr int kWaitMs = 60000; // a loaded CI machine; nothing here asserts a duration
}

class TestCliProfileReplica : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QString m_store;
    QString m_replica;
    QDateTime m_replicated; // a moment the replica holds

    CliResult dbops(const QStringList &args) { return CliRunner::run(args, m_env); }

    void saveProfile(const QString &name, const QString &replica)
    {
        Profile p;
        p.name = name;
        p.target = Target::sqliteFile(m_store);
        p.replicaDir = replica;
        const QString file = m_home.filePath(QStringLiteral("config/dbops/profiles.ini"));
        QCOMPARE(ProfileStore(file).save(p).code, ErrorCode::None);
    }

    // `dbops protect` with an explicit --replica while a bot writes for a few seconds; m_replicated is then the newest
    // moment the replica lists.
    void replicate()
    {
        QVERIFY(SqliteFixture::exec(m_store, QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                                            "VALUES ('ETHUSDT', 1, datetime('now'))")));
        QProcess protect;
        protect.setProcessEnvironment(m_env);
        protect.start(QStringLiteral(DBOPS_CLI_PATH), {QStringLiteral("protect"), QStringLiteral("--db"), m_store,
                                                       QStringLiteral("--replica"), m_replica});
        QVERIFY(protect.waitForStarted());
        QVERIFY(protect.waitForReadyRead(kWaitMs)); // "protecting 1 store(s) …"
        for (int i = 0; i < 8; ++i) {
            QThread::msleep(400);
            QVERIFY(SqliteFixture::exec(m_store, QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                                                "VALUES ('ETHUSDT', 2, datetime('now'))")));
        }
        QElapsedTimer waited;
        waited.start();
        QDateTime from;
        while (waited.elapsed() < kWaitMs && (!from.isValid() || from.secsTo(m_replicated) < 2)) {
            QThread::msleep(1000);
            const CliResult r = dbops({QStringLiteral("backups"), QStringLiteral("--db"), m_store,
                                       QStringLiteral("--replica"), m_replica, QStringLiteral("--json")});
            const QJsonObject w = r.json().value(QLatin1String("replica")).toObject();
            from = QDateTime::fromString(w.value(QLatin1String("restorable_from")).toString(), Qt::ISODateWithMs);
            m_replicated = QDateTime::fromString(w.value(QLatin1String("restorable_to")).toString(), Qt::ISODateWithMs);
        }
        ::kill(pid_t(protect.processId()), SIGTERM);
        QVERIFY(protect.waitForFinished(kWaitMs));
        QVERIFY2(protect.exitCode() == 0, protect.readAllStandardError().constData());
        QVERIFY(m_replicated.isValid());
        m_replicated = m_replicated.addMSecs(900); // within the last second the window lists
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            m_env.insert(QLatin1String(var), m_home.filePath(QLatin1String(var) == QLatin1String("XDG_CONFIG_HOME")
                                                                 ? QStringLiteral("config")
                                                                 : QLatin1String(var)));
        auto found = Litestream::find(QFileInfo(QStringLiteral(DBOPS_CLI_PATH)).absolutePath());
        QVERIFY2(found, qPrintable(found ? QString() : found.error().oneLine())); // fails, never skips
        m_store = m_home.filePath(QStringLiteral("data/trading/trading.db"));
        m_replica = m_home.filePath(QStringLiteral("replicas"));
        QVERIFY(QDir().mkpath(QFileInfo(m_store).path()));
        QVERIFY(SqliteFixture::createTradingStore(m_store, 10));
        saveProfile(QStringLiteral("bot"), m_replica);
        saveProfile(QStringLiteral("plain"), {});
        replicate();
    }

    void backupsReadsTheProfilesReplica()
    {
        const CliResult r = dbops({QStringLiteral("backups"), QStringLiteral("--db"), QStringLiteral("bot"),
                                   QStringLiteral("--dir"), m_home.path(), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject w = r.json().value(QLatin1String("replica")).toObject();
        QCOMPARE(w.value(QLatin1String("path")).toString(), Litestream::replicaPathFor(m_replica, m_store));
        QVERIFY(!w.value(QLatin1String("generations")).toArray().isEmpty());
    }

    void aProfileWithoutReplicaListsNone()
    {
        const CliResult r = dbops({QStringLiteral("backups"), QStringLiteral("--db"), QStringLiteral("plain"),
                                   QStringLiteral("--dir"), m_home.path(), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.json().contains(QLatin1String("replica")));
    }

    // --replica given wins over the profile's: an empty folder there has no replica to read.
    void anExplicitReplicaWinsOverTheProfiles()
    {
        const QString other = m_home.filePath(QStringLiteral("other-replicas"));
        QVERIFY(QDir().mkpath(other));
        const CliResult r = dbops({QStringLiteral("backups"), QStringLiteral("--db"), QStringLiteral("bot"),
                                   QStringLiteral("--replica"), other, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(QString::fromUtf8(r.err).contains(other), r.err.constData());
    }

    void restoreAtTakesTheProfilesReplica()
    {
        const QString restored = m_home.filePath(QStringLiteral("at.db"));
        const CliResult r =
            dbops({QStringLiteral("restore"), QStringLiteral("--at"), m_replicated.toString(Qt::ISODate),
                   QStringLiteral("--db"), QStringLiteral("bot"), QStringLiteral("--to"), restored,
                   QStringLiteral("--yes"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.err + r.out).left(2000)));
        QCOMPARE(r.json().value(QLatin1String("source")).toString(), QStringLiteral("replica"));
        // The fixture's 10 rows and the one written before Litestream started are there, at least.
        QVERIFY(SqliteFixture::scalar(restored, QStringLiteral("SELECT count(*) FROM trades")).toInt() >= 11);
    }

    void protectReplicatesIntoTheProfilesFolder()
    {
        const CliResult r = dbops(
            {QStringLiteral("protect"), QStringLiteral("--db"), QStringLiteral("bot"), QStringLiteral("--print-unit")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("--replica \"%1\"").arg(m_replica)),
                 r.out.constData());
    }

    void protectWithoutAnyReplicaFolderSaysWhereToPutOne()
    {
        const CliResult r = dbops({QStringLiteral("protect"), QStringLiteral("--db"), QStringLiteral("plain")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(QString::fromUtf8(r.err).contains(QLatin1String("replica=")), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliProfileReplica)
#include "tst_cli_profilereplica.moc"
