// The restore confirmation: nothing can be restored until the operator has typed the destination's name,
// and, when the bot is writing, ticked "restore anyway". Plans are values the planner would produce.
#include "dialogs/restoredialog.h"
#include "item/restoreimpactmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest/QTest>

using namespace dbops;

namespace {
RestorePlan planFor(const QString &path, bool writers)
{
    RestorePlan plan;
    plan.target = Target::sqliteFile(path);
    plan.backupPath = QStringLiteral("/backups/trading-20261123-101500Z.db");
    plan.verify.state = Verification::State::Verified;
    TableImpact trades;
    trades.name = QStringLiteral("trades");
    trades.rowsNow = 1412;
    trades.rowsBackup = 1000;
    trades.rowsLostEstimate = 412;
    trades.lostIsExact = true;
    plan.impact.tables << trades;
    if (writers) {
        WriterEvidence w;
        w.kind = WriterEvidence::Kind::WriteLock;
        w.name = QStringLiteral("trading.db");
        w.detail = QStringLiteral("a write transaction is open");
        plan.writers.writers << w;
    }
    return plan;
}
} // namespace

class TestRestoreDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void restoreNeedsTheExactName()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), false));
        dialog.show();
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("restoreButton"));
        auto *confirm = dialog.findChild<QLineEdit *>(QStringLiteral("restoreConfirm"));
        QVERIFY(button && confirm);
        QVERIFY(!button->isEnabled());
        const QString name = dialog.plan().confirmationName();
        QVERIFY(!name.isEmpty());
        QTest::keyClicks(confirm, name.left(name.size() - 1));
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(confirm, name.right(1));
        QVERIFY(button->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("x"));
        QVERIFY(!button->isEnabled());
    }

    void acceptedDialogCarriesTheTypedConfirmation()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), false));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                         dialog.plan().confirmationName());
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.options().confirmation, dialog.plan().confirmationName());
        QVERIFY(!dialog.options().force);
    }

    void writersNeedRestoreAnyway()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), true));
        dialog.show();
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("restoreButton"));
        auto *force = dialog.findChild<QCheckBox *>(QStringLiteral("restoreForce"));
        QVERIFY(force);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("restoreConfirm")),
                         dialog.plan().confirmationName());
        QVERIFY(!button->isEnabled());
        force->setChecked(true);
        QVERIFY(button->isEnabled());
        QVERIFY(dialog.options().force);
    }

    // From the keyboard alone: the typing starts in the confirmation field, Enter restores once the name is
    // typed (and not before), Esc cancels.
    void typedNameAndEnterRestore()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), false));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QWidget *typing = QApplication::focusWidget();
        QCOMPARE(typing, dialog.findChild<QLineEdit *>(QStringLiteral("restoreConfirm")));
        QTest::keyClick(typing, Qt::Key_Return); // nothing typed yet: the dialog stays
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(typing, dialog.plan().confirmationName());
        QTest::keyClick(typing, Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void writersTickedFromTheKeyboard()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), true));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClicks(QApplication::focusWidget(), dialog.plan().confirmationName());
        // back from the field to "restore anyway", tick it with Space, forward again, Enter
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), dialog.findChild<QCheckBox *>(QStringLiteral("restoreForce")));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
        QVERIFY(dialog.options().force);
    }

    void escapeCancels()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), false));
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClicks(QApplication::focusWidget(), dialog.plan().confirmationName());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }

    void headlineNamesTheRowsLost()
    {
        RestoreDialog dialog(planFor(QStringLiteral("/srv/bot/trading.db"), false));
        auto *headline = dialog.findChild<QLabel *>(QStringLiteral("restoreHeadline"));
        QVERIFY(headline);
        QVERIFY2(headline->text().contains(QStringLiteral("412")), qPrintable(headline->text()));
        QCOMPARE(dialog.impactModel()->rowCount(), 1);
    }

    // A moment from the replica: the dialog says what the copy is and how it was checked, not the scratch file's
    // path (gone after the restore) nor a checksum it never compared.
    void aReplicaMomentSaysWhatItRestoresFrom_data()
    {
        QTest::addColumn<bool>("scratch");
        QTest::addColumn<QString>("backup");
        QTest::addColumn<QString>("verified");
        QTest::newRow("replica moment") << true << "Litestream's copy of the moment"
                                        << "quick_check";
        QTest::newRow("a backup file") << false << "/backups/trading-20261123-101500Z.db"
                                       << "checksum";
    }

    void aReplicaMomentSaysWhatItRestoresFrom()
    {
        QFETCH(bool, scratch);
        QFETCH(QString, backup);
        QFETCH(QString, verified);
        RestorePlan plan = planFor(QStringLiteral("/srv/bot/trading.db"), false);
        plan.request.backupIsScratch = scratch;
        RestoreDialog dialog(plan);
        const QString backupText = dialog.findChild<QLabel *>(QStringLiteral("restoreBackup"))->text();
        QVERIFY2(backupText.contains(backup), qPrintable(backupText));
        QVERIFY2(!scratch || !backupText.contains(QLatin1Char('/')), qPrintable(backupText));
        const QString verifiedText = dialog.findChild<QLabel *>(QStringLiteral("restoreVerified"))->text();
        QVERIFY2(verifiedText.contains(verified), qPrintable(verifiedText));
    }
};

QTEST_MAIN(TestRestoreDialog)
#include "tst_restoredialog.moc"
