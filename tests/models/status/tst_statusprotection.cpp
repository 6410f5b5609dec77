// The status board's continuous-protection row: not configured without a replica folder (neutral), each protected
// store's Litestream replica judged by how far it is behind the store's newest write, read from a real replica
// made by the real Litestream.
#include "ops/litestream.h"
#include "replicafixture.h"
#include "sqlitefixture.h"
#include "status/statusevaluator.h"
#include "status/statusrules.h"
#include "statusexpect.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <utime.h>

using namespace dbops;

Q_DECLARE_METATYPE(dbops::CheckState)

namespace {

ReplicaWindow windowBehind(double lagS)
{
    ReplicaWindow w;
    w.replicaPath = QStringLiteral("/replicas/srv/bot/trading.db");
    w.restorableTo = QDateTime::currentDateTimeUtc().addSecs(-qint64(lagS));
    w.restorableFrom = w.restorableTo.addSecs(-3600);
    w.lagS = lagS;
    w.generations << ReplicaGeneration{QStringLiteral("a1b2"), w.restorableFrom, w.restorableTo};
    return w;
}

} // namespace

class TestStatusProtection : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void judgesTheReplicasLag_data()
    {
        QTest::addColumn<double>("lagS");
        QTest::addColumn<CheckState>("state");
        QTest::addColumn<QString>("reason");
        QTest::newRow("keeping up") << 0.4 << CheckState::Ok << "trading.db: replica 0 s behind, restorable to";
        QTest::newRow("two minutes behind") << 120.0 << CheckState::Warning << "2 min behind the newest write";
        QTest::newRow("an hour behind") << 3600.0 << CheckState::Critical << "is `dbops protect` running?";
    }
    void judgesTheReplicasLag()
    {
        QFETCH(double, lagS);
        QFETCH(CheckState, state);
        QFETCH(QString, reason);
        ProtectionFacts f;
        f.replicaDir = QStringLiteral("/replicas");
        f.replicas.append({QStringLiteral("/srv/bot/trading.db"), windowBehind(lagS)});
        const StatusCheck c = StatusRules::protection(f, StatusThresholds{});
        QVERIFY2(c.reason.contains(reason), qPrintable(c.reason));
        QCOMPARE(c.state, state);
        QCOMPARE(c.value.toDouble(), lagS);
    }

    void noReplicaFolderIsNotConfigured()
    {
        const StatusCheck c = StatusRules::protection(ProtectionFacts{}, StatusThresholds{});
        QCOMPARE(c.state, CheckState::Neutral);
        QVERIFY2(c.reason.contains(QStringLiteral("not configured")), qPrintable(c.reason));
    }

    void aMissingReplicaWarns()
    {
        ProtectionFacts f;
        f.replicaDir = QStringLiteral("/replicas");
        f.replicas.append({QStringLiteral("/srv/bot/trading.db"),
                           Error::make(ErrorCode::NotFound, QStringLiteral("no replica under /replicas"), {})});
        const StatusCheck c = StatusRules::protection(f, StatusThresholds{});
        QCOMPARE(c.state, CheckState::Warning);
        QVERIFY2(c.reason.contains(QStringLiteral("dbops protect")), qPrintable(c.reason));
    }

    // The evaluator reads the profile's replica with the real Litestream: fresh, then the bot writing on while
    // nothing replicates (the store's newest write moved two minutes past the replica's end).
    void readsARealReplica()
    {
        const auto litestream = Litestream::find(QFileInfo(QStringLiteral(DBOPS_CLI_PATH)).absolutePath());
        QVERIFY2(litestream, "Litestream is installed by installer/dbops-setup.sh");
        const QString db = m_tmp.filePath(QStringLiteral("bot/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(db).path()));
        QVERIFY(test::SqliteFixture::createTradingStore(db, 20));
        const QString root = m_tmp.filePath(QStringLiteral("replicas"));
        const QString problem = test::ReplicaFixture::make(litestream.value(), db, root);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        StatusRequest request;
        request.target = Target::sqliteFile(db);
        request.backupDir = m_tmp.filePath(QStringLiteral("backups"));
        request.replicaDir = root;
        QString why = test::StatusExpect::problem(StatusEvaluator::evaluate(request), QStringLiteral("protection"),
                                                  CheckState::Ok, QStringLiteral("trading.db: replica"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The bot wrote two minutes after Litestream stopped.
        const qint64 later = QDateTime::currentSecsSinceEpoch() + 120;
        for (const QString &file : QStringList{db, db + QStringLiteral("-wal")}) {
            struct utimbuf times {
                time_t(later), time_t(later)
            };
            if (QFile::exists(file))
                QCOMPARE(::utime(QFile::encodeName(file).constData(), &times), 0);
        }
        why = test::StatusExpect::problem(StatusEvaluator::evaluate(request), QStringLiteral("protection"),
                                          CheckState::Warning, QStringLiteral("behind the newest write"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestStatusProtection)
#include "tst_statusprotection.moc"
