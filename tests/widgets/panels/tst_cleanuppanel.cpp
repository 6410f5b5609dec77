// The Cleanup tab on real SQLite stores, driven by clicks: sections (and the Retention slot), maintenance
// preview → typed confirmation → run with its checkpoint figures, VACUUM refused while a writer holds the
// store, stale locks removed while the live one stays, backup pruning, read-only mode. Each screen is grabbed
// to a PNG ($DBOPS_SCREENSHOT_DIR, when set).
#include "cleanup/confirmdialog.h"
#include "cleanup/lockssection.h"
#include "cleanup/maintenancesection.h"
#include "cleanup/prunesection.h"
#include "cleanup/sessionssection.h"
#include "common/errorbanner.h"
#include "dialogs/jobprogressdialog.h"
#include "heldlock.h"
#include "ops/backupservice.h"
#include "panels/cleanuppanel.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace dbops;
using dbops::test::HeldLock;
using dbops::test::SqliteFixture;

namespace {

void grab(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("DBOPS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QStringLiteral("/") + name + QStringLiteral(".png")));
}

// Types `word` into the open confirmation dialog and clicks its button (after checking it waits for the word).
void confirmWith(CleanupSection *section, const QString &word)
{
    QTRY_VERIFY(section->confirmDialog() != nullptr);
    ConfirmDialog *d = section->confirmDialog();
    QVERIFY(!d->confirmButton()->isEnabled());
    QTest::keyClicks(d->input(), word.left(word.size() - 1));
    QVERIFY(!d->confirmButton()->isEnabled());
    QTest::keyClicks(d->input(), word.right(1));
    QVERIFY(d->confirmButton()->isEnabled());
    grab(d, QStringLiteral("cleanup-confirm-") + section->objectName());
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
}

class Holder {
public:
    explicit Holder(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        db.setDatabaseName(path);
        db.open();
    }
    ~Holder()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("holder"), false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    }
    bool exec(const QString &sql)
    {
        return QSqlQuery(QSqlDatabase::database(QStringLiteral("holder"), false)).exec(sql);
    }
};

} // namespace

class TestCleanupPanel : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<DbWorker> m_ops;
    std::unique_ptr<CleanupPanel> m_panel;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    }

    void init()
    {
        m_ops = std::make_unique<DbWorker>(Target{}, SessionOptions::action(), QStringLiteral("ops"));
        m_panel = std::make_unique<CleanupPanel>(m_ops.get());
        m_panel->resize(1000, 640);
        m_panel->show();
        m_db = m_home.filePath(QStringLiteral("%1/trading.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QDir().mkpath(QFileInfo(m_db).absolutePath());
        QVERIFY(SqliteFixture::createTradingStore(m_db, 200, true));
    }

    void cleanup()
    {
        m_panel.reset();
        m_ops.reset();
    }

    void sectionsAndTheRetentionSlot()
    {
        QCOMPARE(m_panel->sectionCount(), 5);
        QCOMPARE(m_panel->sectionTitle(0), QStringLiteral("Retention"));
        QCOMPARE(m_panel->section(QStringLiteral("Maintenance")), m_panel->maintenanceSection());
        auto *retention = new QLabel(QStringLiteral("policies"));
        m_panel->setRetentionSection(retention);
        QCOMPARE(m_panel->section(0), retention);
        QCOMPARE(m_panel->sectionTitle(0), QStringLiteral("Retention"));
        QCOMPARE(m_panel->currentSection(), retention);
        QCOMPARE(m_panel->sectionCount(), 5);
        QSignalSpy followed(m_panel.get(), &CleanupPanel::targetChanged);
        m_panel->setTarget(Target::sqliteFile(m_db));
        QCOMPARE(followed.count(), 1); // what a section that is no CleanupSection follows
        const int i = m_panel->addSection(QStringLiteral("Extra"), new QLabel(QStringLiteral("x")));
        QCOMPARE(i, 5);
        QCOMPARE(m_panel->sectionTitle(5), QStringLiteral("Extra"));
    }

    void checkpointFromPreviewToResult()
    {
        Holder reader(m_db); // keeps the WAL, so the checkpoint has frames to report
        QVERIFY(reader.exec(QStringLiteral("SELECT 1 FROM trades")));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("UPDATE trades SET price = price + 1")));
        m_panel->setTarget(Target::sqliteFile(m_db));
        MaintenanceSection *s = m_panel->maintenanceSection();
        m_panel->showSection(s);
        s->operationBox()->setCurrentIndex(s->operationBox()->findData(int(MaintenanceOp::Checkpoint)));
        QVERIFY(s->modeBox()->isVisible());
        QVERIFY(!s->runButton()->isEnabled()); // preview first
        QTest::mouseClick(s->previewButton(), Qt::LeftButton);
        QTRY_VERIFY(s->previewText().contains(QStringLiteral("wal_checkpoint(PASSIVE)")));
        QTRY_VERIFY(s->runButton()->isEnabled());
        grab(m_panel.get(), QStringLiteral("cleanup-maintenance-preview"));
        QTest::mouseClick(s->runButton(), Qt::LeftButton);
        confirmWith(s, QStringLiteral("trading.db"));
        QTRY_VERIFY_WITH_TIMEOUT(s->lastResult().has_value(), 20000);
        QVERIFY2(s->lastResult()->ok(), qPrintable(s->lastResult()->error.oneLine()));
        QVERIFY(s->lastResult()->checkpoint.logFrames > 0);
        QVERIFY(s->previewText().contains(QStringLiteral("Checkpoint: busy 0, WAL frames")));
        QVERIFY(!s->resultText().isEmpty());
        grab(m_panel.get(), QStringLiteral("cleanup-maintenance-result"));
    }

    void vacuumIsRefusedWhileTheBotWrites()
    {
        Holder bot(m_db);
        QVERIFY(bot.exec(QStringLiteral("BEGIN IMMEDIATE")));
        m_panel->setTarget(Target::sqliteFile(m_db));
        MaintenanceSection *s = m_panel->maintenanceSection();
        s->operationBox()->setCurrentIndex(s->operationBox()->findData(int(MaintenanceOp::Vacuum)));
        QTest::mouseClick(s->previewButton(), Qt::LeftButton);
        QTRY_VERIFY(s->plan().has_value());
        QVERIFY(s->plan()->refused());
        QVERIFY(s->banner()->text().contains(QStringLiteral("Refused")));
        QVERIFY(!s->runButton()->isEnabled());
        grab(m_panel.get(), QStringLiteral("cleanup-maintenance-refused"));
    }

    void staleLockRemovedLiveLockKept()
    {
        const QString dir = QFileInfo(m_db).absolutePath();
        QFile stale(dir + QStringLiteral("/.writer.lock"));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("4194303");
        stale.close();
        QFile live(dir + QStringLiteral("/bot.lock"));
        HeldLock held(live.fileName()); // a running bot holds its lock (flock, its PID inside)
        QVERIFY(held.ok());
        m_panel->setTarget(Target::dataDir(dir));
        LocksSection *s = m_panel->locksSection();
        m_panel->showSection(s);
        QTest::mouseClick(s->scanButton(), Qt::LeftButton);
        QTRY_COMPARE(s->model()->rowCount(), 2);
        QVERIFY(s->removeButton()->isEnabled());
        grab(m_panel.get(), QStringLiteral("cleanup-locks"));
        QTest::mouseClick(s->removeButton(), Qt::LeftButton);
        confirmWith(s, QStringLiteral("remove"));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(stale.fileName()), 10000);
        QVERIFY(QFile::exists(live.fileName()));
        QTRY_COMPARE(s->model()->rowCount(), 1);
        QVERIFY(!s->removeButton()->isEnabled());
    }

    void pruningDeletesWhatThePreviewShowed()
    {
        const QString backups = m_home.filePath(QStringLiteral("prune-backups"));
        QStringList paths;
        for (int i = 0; i < 3; ++i) {
            BackupRequest r;
            r.outDir = backups;
            r.audit = false;
            auto b = BackupService::backup(Target::sqliteFile(m_db), r, {});
            QVERIFY(b);
            paths << b->path;
            QTest::qWait(5);
        }
        m_panel->setTarget(Target::sqliteFile(m_db));
        PruneSection *s = m_panel->pruneSection();
        m_panel->showSection(s);
        s->setBackupDir(backups);
        s->keepLastBox()->setValue(1);
        s->keepDaysBox()->setValue(-1);
        QTest::mouseClick(s->previewButton(), Qt::LeftButton);
        QTRY_COMPARE(s->model()->rowCount(), 3);
        QCOMPARE(s->plan()->toDelete().size(), 2);
        grab(m_panel.get(), QStringLiteral("cleanup-prune"));
        QTest::mouseClick(s->deleteButton(), Qt::LeftButton);
        confirmWith(s, QStringLiteral("delete 2"));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(paths[0]) && !QFile::exists(paths[1]), 10000);
        QVERIFY(QFile::exists(paths[2])); // the newest
    }

    void readOnlyOffersPreviewsOnly()
    {
        m_panel->setTarget(Target::sqliteFile(m_db));
        m_panel->setReadOnly(true); // incident mode: the action buttons stay in sight, disabled
        QVERIFY(!m_panel->maintenanceSection()->runButton()->isEnabled());
        QVERIFY(m_panel->maintenanceSection()->previewButton()->isVisible());
        QVERIFY(!m_panel->locksSection()->removeButton()->isEnabled());
        QVERIFY(!m_panel->pruneSection()->deleteButton()->isEnabled());
        QVERIFY(!m_panel->sessionsSection()->terminateButton()->isEnabled());
        m_panel->setReadOnly(false);
        QVERIFY(m_panel->maintenanceSection()->runButton()->isVisible());
    }

    void sessionsNeedPostgres()
    {
        m_panel->setTarget(Target::sqliteFile(m_db));
        SessionsSection *s = m_panel->sessionsSection();
        m_panel->showSection(s);
        QTest::keyClicks(s->applicationEdit(), QStringLiteral("trading_bot"));
        QVERIFY(!s->previewButton()->isEnabled());
        QVERIFY(s->banner()->text().contains(QStringLiteral("no server sessions")));
    }
};

QTEST_MAIN(TestCleanupPanel)
#include "tst_cleanuppanel.moc"
