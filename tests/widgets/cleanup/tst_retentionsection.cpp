// Cleanup tab, Retention, as an operator uses it on a real SQLite store with the jobs on a real worker:
// suggested policies, the dry run's figures, the typed confirmation guarding the apply, the apply itself, a
// protected table refused until unlocked, and a data directory's stores offered for picking.
#include "cleanup/retentionsection.h"
#include "dialogs/retentiondialog.h"
#include "item/retentionplanmodel.h"
#include "mainwindow.h"
#include "panels/cleanuppanel.h"
#include "retentionfixture.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::RetentionFixture;
using dbops::test::SqliteFixture;

namespace {

qint64 rows(const QString &db, const QString &table)
{
    return SqliteFixture::scalar(db, QStringLiteral("SELECT count(*) FROM ") + table).toLongLong();
}

QPushButton *button(QWidget *w, const char *name) { return w->findChild<QPushButton *>(QLatin1String(name)); }

} // namespace

class TestRetentionSection : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;
    DbWorker *m_ops = nullptr;
    RetentionSection *m_section = nullptr;

    void openStore()
    {
        QSignalSpy inspected(m_section, &RetentionSection::inspected);
        m_section->setTarget(Target::sqliteFile(m_db));
        QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 10000);
    }
    void dryRunClicked()
    {
        QSignalSpy planned(m_section, &RetentionSection::planned);
        QTest::mouseClick(button(m_section, "retentionDryRun"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(planned.count(), 1, 15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_tmp.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_tmp.filePath(QStringLiteral("config")).toUtf8());
    }
    void init()
    {
        static int n = 0;
        m_db = m_tmp.filePath(QStringLiteral("bot-%1.db").arg(++n));
        QVERIFY(RetentionFixture::create(m_db, QDateTime::currentDateTimeUtc()));
        m_ops = new DbWorker(Target{}, SessionOptions::action(), QStringLiteral("ops"));
        m_section = new RetentionSection(m_ops);
        m_section->resize(900, 600);
        m_section->show();
        openStore();
    }
    void cleanup()
    {
        delete m_section;
        delete m_ops;
    }

    // An empty policy list says what to do about it; the hint goes once there is a policy.
    void emptyPoliciesSayWhatToDo()
    {
        auto *hint = m_section->findChild<QLabel *>(QStringLiteral("retentionPoliciesEmpty"));
        QVERIFY(hint);
        QVERIFY(m_section->policies().isEmpty());
        QTRY_VERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("Suggest from schema")), qPrintable(hint->text()));
        QTest::mouseClick(button(m_section, "retentionSuggest"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_section->policies().isEmpty(), 10000);
        QVERIFY(!hint->isVisible());
    }

    void suggestFillsSeedPolicies()
    {
        QTest::mouseClick(button(m_section, "retentionSuggest"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_section->policies().isEmpty(), 10000);
        const QStringList p = m_section->policies();
        QVERIFY2(p.contains(QStringLiteral("market_data:timestamp:7d:archived_market_data")), qPrintable(p.join(' ')));
        QVERIFY(p.contains(QStringLiteral("indication_states:calculated_at:2d")));
        for (const QString &s : p)
            QVERIFY2(!s.startsWith(QLatin1String("trades")), qPrintable(s));
    }

    void dryRunShowsWhatWouldGoAndChangesNothing()
    {
        m_section->addPolicy(QStringLiteral("market_data:timestamp:7d:archived_market_data"));
        QVERIFY(!button(m_section, "retentionApplyButton")->isEnabled());
        dryRunClicked();
        const RetentionPlanModel *model = m_section->planModel();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, RetentionPlanModel::RowsColumn).data().toString(), QLocale().toString(72));
        QCOMPARE(model->index(0, RetentionPlanModel::ArchiveColumn).data().toString(),
                 QStringLiteral("archived_market_data"));
        QVERIFY(button(m_section, "retentionApplyButton")->isEnabled());
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 240);
    }

    void applyNeedsTheStoreNameTyped()
    {
        m_section->addPolicy(QStringLiteral("candles:open_time:48h"));
        dryRunClicked();
        QTest::mouseClick(button(m_section, "retentionApplyButton"), Qt::LeftButton);
        QTRY_VERIFY(m_section->dialog() != nullptr);
        RetentionDialog *dialog = m_section->dialog();
        auto *confirm = dialog->findChild<QLineEdit *>(QStringLiteral("retentionConfirm"));
        auto *go = dialog->findChild<QPushButton *>(QStringLiteral("retentionApply"));
        QVERIFY(!go->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("trading"));
        QVERIFY(!go->isEnabled());
        confirm->clear();
        QTest::keyClicks(confirm, dialog->confirmationName());
        QVERIFY(go->isEnabled());
        dialog->reject();
        QCOMPARE(rows(m_db, QStringLiteral("candles")), 100);
    }

    // From the keyboard alone: the typing starts in the confirmation field and Enter applies.
    void applyFromTheKeyboard()
    {
        m_section->addPolicy(QStringLiteral("market_data:timestamp:7d:archived_market_data"));
        dryRunClicked();
        QTest::mouseClick(button(m_section, "retentionApplyButton"), Qt::LeftButton);
        QTRY_VERIFY(m_section->dialog() != nullptr);
        RetentionDialog *dialog = m_section->dialog();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QCOMPARE(QApplication::focusWidget(), dialog->findChild<QLineEdit *>(QStringLiteral("retentionConfirm")));
        QSignalSpy applied(m_section, &RetentionSection::applied);
        QTest::keyClicks(QApplication::focusWidget(), dialog->confirmationName());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 30000);
        QVERIFY(applied.first().first().value<RetentionResult>().ok());
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 168);
    }

    void applyDeletesAfterSafetyBackup()
    {
        m_section->addPolicy(QStringLiteral("market_data:timestamp:7d:archived_market_data"));
        dryRunClicked();
        QTest::mouseClick(button(m_section, "retentionApplyButton"), Qt::LeftButton);
        QTRY_VERIFY(m_section->dialog() != nullptr);
        RetentionDialog *dialog = m_section->dialog();
        QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("retentionSafetyBackup"))->isChecked());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("retentionConfirm")),
                         dialog->confirmationName());
        QSignalSpy applied(m_section, &RetentionSection::applied);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("retentionApply")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 30000);
        const auto result = applied.first().first().value<RetentionResult>();
        QVERIFY2(result.ok(), qPrintable(result.error.oneLine()));
        QCOMPARE(result.deleted, 72);
        QVERIFY(result.hasSafetyBackup);
        QCOMPARE(rows(result.safetyBackup.path, QStringLiteral("market_data")), 240);
        QCOMPARE(rows(m_db, QStringLiteral("market_data")), 168);
        QCOMPARE(rows(m_db, QStringLiteral("archived_market_data")), 72);
        QVERIFY(!button(m_section, "retentionApplyButton")->isEnabled()); // the plan was used up
    }

    // After an apply the grid shows what is left (counted again), not the figures of the dry run before it.
    void gridIsCountedAgainAfterApply()
    {
        m_section->addPolicy(QStringLiteral("market_data:timestamp:7d:archived_market_data"));
        dryRunClicked();
        const RetentionPlanModel *model = m_section->planModel();
        QCOMPARE(model->index(0, RetentionPlanModel::RowsColumn).data().toString(), QLocale().toString(72));
        QTest::mouseClick(button(m_section, "retentionApplyButton"), Qt::LeftButton);
        QTRY_VERIFY(m_section->dialog() != nullptr);
        RetentionDialog *dialog = m_section->dialog();
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("retentionConfirm")),
                         dialog->confirmationName());
        QSignalSpy applied(m_section, &RetentionSection::applied);
        QSignalSpy planned(m_section, &RetentionSection::planned);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("retentionApply")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(planned.count(), 1, 15000);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, RetentionPlanModel::RowsColumn).data().toString(), QLocale().toString(0));
        QVERIFY(!button(m_section, "retentionApplyButton")->isEnabled()); // nothing left to delete
    }

    void protectedTableNeedsUnlock()
    {
        m_section->addPolicy(QStringLiteral("trades:created_at:30d"));
        QSignalSpy failed(m_section, &RetentionSection::failed);
        QTest::mouseClick(button(m_section, "retentionDryRun"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Refused);
        m_section->findChild<QCheckBox *>(QStringLiteral("retentionUnlock"))->setChecked(true);
        dryRunClicked();
        QCOMPARE(m_section->planModel()->index(0, RetentionPlanModel::RowsColumn).data().toString(),
                 QLocale().toString(20));
    }

    void windowShowsRetentionFirstInCleanupAndFollowsTheTarget()
    {
        MainWindow w;
        w.show();
        CleanupPanel *cleanup = w.cleanupPanel();
        auto *retention = qobject_cast<RetentionSection *>(cleanup->section(0));
        QVERIFY(retention != nullptr);
        QCOMPARE(cleanup->sectionTitle(0), QStringLiteral("Retention"));
        w.openTarget(Target::sqliteFile(m_db));
        QTRY_COMPARE_WITH_TIMEOUT(retention->store().path, m_db, 10000);
    }

    void dataDirectoryOffersItsStores()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("datadir"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(RetentionFixture::create(dir + QStringLiteral("/trading.db"), QDateTime::currentDateTimeUtc()));
        QVERIFY(SqliteFixture::create(dir + QStringLiteral("/config.db"), {QStringLiteral("CREATE TABLE s (k)")}));
        QSignalSpy inspected(m_section, &RetentionSection::inspected);
        m_section->setTarget(Target::dataDir(dir));
        QTRY_VERIFY_WITH_TIMEOUT(inspected.count() >= 1, 10000);
        auto *stores = m_section->findChild<QComboBox *>(QStringLiteral("retentionStore"));
        QCOMPARE(stores->count(), 2);
        QCOMPARE(stores->currentText(), QStringLiteral("trading.db"));
        QCOMPARE(m_section->store().path, dir + QStringLiteral("/trading.db"));
    }
};

QTEST_MAIN(TestRetentionSection)
#include "tst_retentionsection.moc"
