// The GUI's restore to a moment (RestoreJobs::planAt on a DbWorker) from a real Litestream replica: the scratch
// copy Litestream writes is planned as what it is, a copy of this restore alone (quick_check, no SHA-256), the
// same fast plan `dbops restore --at` makes; a backup picked from the backup folder keeps the full check.
#include "ops/backupservice.h"
#include "ops/litestream.h"
#include "ops/restorejobs.h"
#include "replicafixture.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestRestoreAtJobs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_live;

    MomentPlan planAt(const QDateTime &at, const QString &replicaRoot)
    {
        DbWorker worker(Target::sqliteFile(m_live), SessionOptions::action(), QStringLiteral("ops"));
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        worker.submit(QStringLiteral("restore preview"),
                      RestoreJobs::planAt(Target::sqliteFile(m_live), at, replicaRoot, backupDir()), false);
        if (!finished.wait(60000) && !failed.isEmpty())
            qWarning("planAt failed: %s", qPrintable(failed.first().at(1).value<Error>().oneLine()));
        const QVariant v = finished.isEmpty() ? QVariant() : finished.first().at(1);
        if (v.canConvert<Error>())
            qWarning("planAt failed: %s", qPrintable(v.value<Error>().oneLine()));
        return v.value<MomentPlan>();
    }
    QString backupDir() const { return QFileInfo(m_live).path() + QStringLiteral("/backups"); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        qputenv("TMPDIR", m_home.filePath(QStringLiteral("tmp")).toUtf8());
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("tmp"))));
    }

    void init()
    {
        const QString dir = m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(dir));
        m_live = dir + QStringLiteral("/trading.db");
        QVERIFY(SqliteFixture::createTradingStore(m_live, 50, true));
    }

    void aReplicaMomentIsPlannedAsAScratchCopy()
    {
        const auto litestream = Litestream::find(QFileInfo(QStringLiteral(DBOPS_CLI_PATH)).absolutePath());
        QVERIFY2(litestream, "Litestream is installed by installer/dbops-setup.sh");
        const QString root = QFileInfo(m_live).path() + QStringLiteral("/replica");
        const QString problem = test::ReplicaFixture::make(litestream.value(), m_live, root);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto window = Litestream::window(litestream.value(), root, m_live);
        QVERIFY2(window, qPrintable(window.error().oneLine()));

        const MomentPlan m = planAt(window->restorableTo, root);
        QCOMPARE(m.source.kind, QStringLiteral("replica"));
        QVERIFY(m.plan.verify.verified());
        QVERIFY(m.plan.request.backupIsScratch);
        QVERIFY2(m.plan.verify.sha256.isEmpty(), "a scratch copy has nothing to compare a checksum with");
        QVERIFY(m.source.path.startsWith(m.scratchDir + QLatin1Char('/')));
        QDir(m.scratchDir).removeRecursively();
    }

    void aBackupMomentKeepsTheFullCheck()
    {
        BackupRequest b;
        b.outDir = backupDir();
        auto backup = BackupService::backup(Target::sqliteFile(m_live), b, {});
        QVERIFY2(backup, qPrintable(backup.error().oneLine()));

        const MomentPlan m = planAt(QDateTime::currentDateTimeUtc().addSecs(1), QString());
        QCOMPARE(m.source.kind, QStringLiteral("backup"));
        QVERIFY(m.plan.verify.verified());
        QVERIFY(!m.plan.request.backupIsScratch);
        QVERIFY(!m.plan.verify.sha256.isEmpty());
        QDir(m.scratchDir).removeRecursively();
    }

    // A replica folder that is not there (a profile's replica= on an unmounted disk) does not stop a restore from
    // a backup, and the plan says why the replica was not used.
    void aMissingReplicaFolderIsNamedBesideTheBackupUsed()
    {
        BackupRequest b;
        b.outDir = backupDir();
        auto backup = BackupService::backup(Target::sqliteFile(m_live), b, {});
        QVERIFY2(backup, qPrintable(backup.error().oneLine()));

        const QString gone = m_home.filePath(QStringLiteral("unmounted/replica"));
        const MomentPlan m = planAt(QDateTime::currentDateTimeUtc().addSecs(1), gone);
        QCOMPARE(m.source.kind, QStringLiteral("backup"));
        QVERIFY2(m.source.describe.contains(QStringLiteral("the replica folder %1 does not exist").arg(gone)),
                 qPrintable(m.source.describe));
        QDir(m.scratchDir).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestRestoreAtJobs)
#include "tst_restoreatjobs.moc"
