// The GUI's way in: RestoreJobs on a DbWorker (preview, then apply with the typed confirmation, progress,
// refusals as jobFailed) and RestoreImpactModel over the preview.
#include "core/format.h"
#include "item/itemroles.h"
#include "item/restoreimpactmodel.h"
#include "ops/backupservice.h"
#include "ops/restorejobs.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestRestoreJobs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_live, m_backup;

    RestoreRequest request() const
    {
        RestoreRequest r;
        r.backupPath = m_backup;
        r.safetyDir = m_home.filePath(QStringLiteral("safety"));
        return r;
    }
    RestorePlan preview(DbWorker &worker)
    {
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        worker.submit(QStringLiteral("restore preview"), RestoreJobs::plan(Target::sqliteFile(m_live), request()),
                      false);
        if (!finished.wait(20000) && !failed.isEmpty())
            qWarning("preview failed: %s", qPrintable(failed.first().at(1).value<Error>().oneLine()));
        return finished.isEmpty() ? RestorePlan() : finished.first().at(1).value<RestorePlan>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
    }

    void init()
    {
        const QString dir = m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(dir));
        m_live = dir + QStringLiteral("/trading.db");
        QVERIFY(SqliteFixture::createTradingStore(m_live, 10, true));
        BackupRequest b;
        b.outDir = dir + QStringLiteral("/backups");
        auto backup = BackupService::backup(Target::sqliteFile(m_live), b, {});
        QVERIFY2(backup, qPrintable(backup.error().oneLine()));
        m_backup = backup->path;
        QVERIFY(SqliteFixture::create(
            m_live,
            {QStringLiteral("INSERT INTO trades (symbol, created_at) VALUES ('X', '2026-05-01T00:00:00Z')"),
             QStringLiteral("INSERT INTO trades (symbol, created_at) VALUES ('Y', '2026-05-02T00:00:00Z')")},
            true));
    }

    void previewThenApplyOnAWorker()
    {
        DbWorker worker(Target::sqliteFile(m_live), SessionOptions::action(), QStringLiteral("ops"));
        const RestorePlan plan = preview(worker);
        QVERIFY(plan.verify.verified());
        QCOMPARE(plan.impact.rowsLost(), 2);

        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        QSignalSpy progress(&worker, &DbWorker::jobProgress);
        RestoreOptions options;
        options.confirmation = plan.confirmationName();
        QCOMPARE(options.confirmation, QStringLiteral("trading.db"));
        const quint64 id = worker.submit(QStringLiteral("restore"), RestoreJobs::apply(plan, options), false);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        const RestoreResult result = finished.first().at(1).value<RestoreResult>();
        QVERIFY(result.ok());
        QVERIFY(result.hasSafetyBackup);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(SqliteFixture::scalar(m_live, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 10);
    }

    void wrongConfirmationFailsTheJob()
    {
        DbWorker worker(Target::sqliteFile(m_live), SessionOptions::action(), QStringLiteral("ops"));
        const RestorePlan plan = preview(worker);
        QSignalSpy failed(&worker, &DbWorker::jobFailed);
        RestoreOptions options;
        options.confirmation = QStringLiteral("trading");
        worker.submit(QStringLiteral("restore"), RestoreJobs::apply(plan, options), false);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::Refused);
        QCOMPARE(SqliteFixture::scalar(m_live, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 12);
    }

    void impactModelShowsThePreview()
    {
        DbWorker worker(Target::sqliteFile(m_live), SessionOptions::action(), QStringLiteral("ops"));
        const RestorePlan plan = preview(worker);
        RestoreImpactModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(plan);
        QCOMPARE(model.rowCount(), plan.impact.tables.size());
        QCOMPARE(model.columnCount(), int(RestoreImpactModel::ColumnCount));
        int tradesRow = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, RestoreImpactModel::TableColumn).data().toString() == QLatin1String("trades"))
                tradesRow = r;
        QVERIFY(tradesRow >= 0);
        QCOMPARE(model.index(tradesRow, RestoreImpactModel::RowsNowColumn).data(ItemRole::SortRole).toLongLong(), 12);
        QCOMPARE(model.index(tradesRow, RestoreImpactModel::RowsBackupColumn).data(ItemRole::SortRole).toLongLong(),
                 10);
        QCOMPARE(model.index(tradesRow, RestoreImpactModel::LostColumn).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(tradesRow, RestoreImpactModel::NewestNowColumn).data().toString(),
                 Format::moment(QDateTime::fromString(QStringLiteral("2026-05-02T00:00:00Z"), Qt::ISODate)));
        QCOMPARE(model.index(tradesRow, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Critical));
        QVERIFY(model.headline().startsWith(QLatin1String("2 rows in 1 table(s) will be lost")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRestoreJobs)
#include "tst_restorejobs.moc"
