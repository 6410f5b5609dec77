// The cleanup steps' typed confirmation, from the keyboard alone: the typing starts in the field, Enter
// confirms once the word is typed (and not before), Esc cancels.
#include "cleanup/confirmdialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest/QTest>

using namespace dbops;

namespace {
ConfirmRequest vacuum()
{
    ConfirmRequest r;
    r.title = QStringLiteral("Run VACUUM on trading.db");
    r.summary = QStringLiteral("Rewrites the file.");
    r.items = QStringList{QStringLiteral("trading.db")};
    r.word = QStringLiteral("trading.db");
    r.action = QStringLiteral("Run VACUUM");
    return r;
}
} // namespace

class TestConfirmDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typedWordAndEnterConfirm()
    {
        ConfirmDialog dialog(vacuum());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.input());
        QTest::keyClicks(dialog.input(), QStringLiteral("trading.db"));
        QTest::keyClick(dialog.input(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
    }

    void enterBeforeTheWordDoesNothing()
    {
        ConfirmDialog dialog(vacuum());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClicks(dialog.input(), QStringLiteral("trading"));
        QTest::keyClick(dialog.input(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(accepted.count() + rejected.count(), 0);
    }

    void escapeCancels()
    {
        ConfirmDialog dialog(vacuum());
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClicks(dialog.input(), QStringLiteral("trading.db"));
        QTest::keyClick(dialog.input(), Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
    }
};

QTEST_MAIN(TestConfirmDialog)
#include "tst_confirmdialog.moc"
