// `dbops protect` with the real Litestream (found as dbops finds it: DBOPS_LITESTREAM, beside dbops, PATH, the
// setup script's prefix) on a store a bot writes to, then `backups --replica --json` and `litestream restore`.
#include "clirunner.h"
#include "ops/litestream.h"
#include "protectharness.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QtTest>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::ProtectHarness;
using dbops::test::SqliteFixture;

namespace {

constexpr int kWaitMs = ProtectHarness::kWaitMs;

qint64 trades(const QString &path)
{
    return SqliteFixture::scalar(path, QStringLiteral("SELECT count(*) FROM trades")).toLongLong();
}

} // namespace

class TestCliProtect : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    ProtectHarness m_protect{m_home.path()};
    const QProcessEnvironment m_env = m_protect.env();
    const QString m_litestream = m_protect.litestream();

    // A WAL store with 3 trades at `relative` under the test's folder (made once).
    QString tradingStore(const QString &relative)
    {
        const QString store = m_home.filePath(relative);
        if (QFile::exists(store))
            return store;
        return QDir().mkpath(QFileInfo(store).path()) && SqliteFixture::createTradingStore(store, 3) ? store
                                                                                                     : QString();
    }

    QJsonObject replicaWindow(const QString &store, const QString &replica)
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("backups"), QStringLiteral("--dir"), m_home.path(), QStringLiteral("--db"),
                            store, QStringLiteral("--replica"), replica, QStringLiteral("--json")},
                           m_env);
        return r.json().value(QLatin1String("replica")).toObject();
    }

    // `count` trades, one every 100 ms, as a bot writes them.
    static bool writeTrades(const QString &store, int count, int price)
    {
        for (int i = 0; i < count; ++i) {
            if (!SqliteFixture::exec(store, QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                                           "VALUES ('ETHUSDT', %1, datetime('now'))")
                                                .arg(price + i)))
                return false;
            QThread::msleep(100);
        }
        return true;
    }

    // The replica's window as `backups --json` shows it, once Litestream has shipped what was written by `written`.
    QJsonObject windowReaching(const QString &store, const QString &replica, const QDateTime &written)
    {
        m_protect.reaches(store, replica, written);
        return replicaWindow(store, replica);
    }

    // A fresh WAL store with 10 trades, `dbops protect` running on it while `during` runs, then stopped by SIGTERM
    // (it must end with exit 0).
    template <typename During>
    void runProtected(const QString &store, const QString &replica, During during)
    {
        QVERIFY(QDir().mkpath(QFileInfo(store).path()));
        QVERIFY(SqliteFixture::createTradingStore(store, 10));
        QProcess protect;
        const QString started =
            m_protect.start(protect, store, replica, {QStringLiteral("--every"), QStringLiteral("1")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        during();
        const QString stopped = ProtectHarness::stop(protect);
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(m_protect.error().isEmpty(), qPrintable(m_protect.error())); // fails, never skips
    }

    void printUnitRunsProtectOnTheStore()
    {
        const QString store = m_home.filePath(QStringLiteral("unit/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(store).path()));
        QVERIFY(SqliteFixture::createTradingStore(store, 3));
        const QString replica = m_home.filePath(QStringLiteral("unit-replica"));
        const CliResult r = CliRunner::run({QStringLiteral("protect"), QStringLiteral("--db"), store,
                                            QStringLiteral("--replica"), replica, QStringLiteral("--print-unit")},
                                           m_env);
        QCOMPARE(r.exitCode, 0);
        const QString unit = QString::fromUtf8(r.out);
        QVERIFY2(unit.contains(QStringLiteral("protect --db \"%1\" --replica \"%2\"").arg(store, replica)),
                 qPrintable(unit));
        QVERIFY(unit.contains(QLatin1String("[Service]")) && unit.contains(QLatin1String("WantedBy=")));
    }

    // Litestream cannot make its replica there: said at once (exit 3), not "no replica yet" forever.
    void replicaPathInTheWayIsUnusableInput_data()
    {
        QTest::addColumn<QString>("replica"); // under the test's folder, where replica-file is a file
        QTest::addColumn<QStringList>("more");
        QTest::addColumn<QString>("said");
        QTest::newRow("a file") << "replica-file" << QStringList() << "is a file, not a folder";
        QTest::newRow("a file, --print-unit")
            << "replica-file" << QStringList{"--print-unit"} << "is a file, not a folder";
        QTest::newRow("under a file") << "replica-file/replica" << QStringList() << "replica-file is a file";
    }
    void replicaPathInTheWayIsUnusableInput()
    {
        QFETCH(QString, replica);
        QFETCH(QStringList, more);
        QFETCH(QString, said);
        const QString store = tradingStore(QStringLiteral("in-the-way/trading.db"));
        QVERIFY(!store.isEmpty());
        QFile file(m_home.filePath(QStringLiteral("replica-file")));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("not a folder\n") > 0);
        file.close();
        const CliResult r = CliRunner::run(QStringList{QStringLiteral("protect"), QStringLiteral("--db"), store,
                                                       QStringLiteral("--replica"), m_home.filePath(replica)} +
                                               more,
                                           m_env, {}, 30000); // the old protect never ended
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(said), r.err.constData());
    }

    void aStoreNotInWalModeIsRefused()
    {
        const QString store = m_home.filePath(QStringLiteral("journal.db"));
        QVERIFY(SqliteFixture::createTradingStore(store, 3, false));
        const CliResult r = CliRunner::run({QStringLiteral("protect"), QStringLiteral("--db"), store,
                                            QStringLiteral("--replica"), m_home.filePath(QStringLiteral("r2"))},
                                           m_env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(QLatin1String("WAL")), r.err.constData());
    }

    void protectKeepsTheReplicaUpWithAWriter()
    {
        const QString store = m_home.filePath(QStringLiteral("data/trading/trading.db"));
        const QString replica = m_home.filePath(QStringLiteral("replica"));
        QDateTime lastWrite;
        QJsonObject window;
        runProtected(store, replica, [&] {
            QVERIFY(writeTrades(store, 30, 2000)); // a bot: one trade every 100 ms for about three seconds
            lastWrite = QDateTime::currentDateTimeUtc();
            window = windowReaching(store, replica, lastWrite);
        });
        if (QTest::currentTestFailed())
            return;
        const QDateTime to =
            QDateTime::fromString(window.value(QLatin1String("restorable_to")).toString(), Qt::ISODateWithMs);
        QCOMPARE(window.value(QLatin1String("engine")).toString(), QStringLiteral("litestream"));
        QVERIFY2(to.isValid() && qAbs(to.secsTo(lastWrite)) <= 3,
                 qPrintable(QJsonDocument(window).toJson(QJsonDocument::Compact)));
        QVERIFY(window.value(QLatin1String("lag_s")).isDouble());
        QVERIFY(!window.value(QLatin1String("generations")).toArray().isEmpty());
        QVERIFY(QDateTime::fromString(window.value(QLatin1String("restorable_from")).toString(), Qt::ISODateWithMs) <=
                to);

        const QString restored = m_home.filePath(QStringLiteral("restored.db"));
        QProcess restore;
        restore.start(m_litestream, {QStringLiteral("restore"), QStringLiteral("-o"), restored,
                                     QUrl::fromLocalFile(Litestream::replicaPathFor(replica, store)).toString()});
        QVERIFY(restore.waitForFinished(kWaitMs));
        QVERIFY2(restore.exitCode() == 0, restore.readAllStandardError().constData());
        QCOMPARE(trades(restored), 40);
    }

    void restoreAtAMomentTakesTheReplicasStateThen()
    {
        const QString store = m_home.filePath(QStringLiteral("data2/trading/trading.db"));
        const QString replica = m_home.filePath(QStringLiteral("replica2"));
        QDateTime moment;
        runProtected(store, replica, [&] {
            QVERIFY(writeTrades(store, 15, 3000));
            QThread::msleep(2500); // beyond Litestream's 1 s sync: these rows are shipped before the moment
            moment = QDateTime::currentDateTimeUtc();
            QThread::msleep(1500);
            QVERIFY(writeTrades(store, 15, 4000)); // committed after the moment: not in the restore
            windowReaching(store, replica, QDateTime::currentDateTimeUtc());
        });
        if (QTest::currentTestFailed())
            return;
        const QString restored = m_home.filePath(QStringLiteral("at/at.db"));
        QVERIFY(QDir().mkpath(QFileInfo(restored).path()));
        const CliResult r =
            CliRunner::run({QStringLiteral("restore"), QStringLiteral("--at"), moment.toString(Qt::ISODateWithMs),
                            QStringLiteral("--db"), store, QStringLiteral("--replica"), replica, QStringLiteral("--to"),
                            restored, QStringLiteral("--yes"), QStringLiteral("--json")},
                           m_env);
        QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.err + r.out).left(2000)));
        QCOMPARE(r.json().value(QLatin1String("source")).toString(), QStringLiteral("replica"));
        QCOMPARE(trades(restored), 25); // the 10 of the fixture and the 15 written before the moment
        // Litestream wrote it beside NEW, and it was renamed into place: its scratch folder is gone.
        const QStringList left =
            QDir(QFileInfo(restored).path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QString &name : left)
            QVERIFY2(name.startsWith(QLatin1String("at.db")), qPrintable(name));

        // The text preview of the same moment (same replica: its setup is this test's cost) names what it restores
        // from in words, not the scratch file that is gone once the command ends.
        const CliResult preview =
            CliRunner::run({QStringLiteral("restore"), QStringLiteral("--at"), moment.toString(Qt::ISODateWithMs),
                            QStringLiteral("--db"), store, QStringLiteral("--replica"), replica, QStringLiteral("--to"),
                            m_home.filePath(QStringLiteral("at/preview.db"))},
                           m_env);
        QCOMPARE(preview.exitCode, 1);
        QVERIFY2(preview.out.contains("Litestream's copy of that moment"), preview.out.constData());
        QVERIFY2(!preview.out.contains(".dbops-at"), preview.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliProtect)
#include "tst_cli_protect.moc"
