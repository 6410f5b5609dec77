// The console's incident mode switch on a real SQLite store (offscreen): switching it on shows in the window
// title and the status bar and disables the action buttons; leaving asks for a reason and a window, and the
// reason and the window land in the audit trail; a profile with read_only=true opens in incident mode.
#include "audit/auditlog.h"
#include "cleanup/maintenancesection.h"
#include "core/incidentmode.h"
#include "dialogs/incidentleavedialog.h"
#include "mainwindow.h"
#include "panels/cleanuppanel.h"
#include "session/incidentswitch.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

QList<AuditRecord> trail(const QString &action)
{
    QList<AuditRecord> found;
    const auto records = AuditLog().recent(50);
    if (records)
        for (const AuditRecord &r : records.value())
            if (r.action == action)
                found << r;
    return found;
}

} // namespace

class TestIncidentSwitch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_xdg;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_xdg.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            qputenv(var, (m_xdg.path() + QLatin1Char('/') + QLatin1String(var)).toUtf8());
        m_db = m_xdg.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 20, false));
    }
    void init() { IncidentMode::reset(); }
    void cleanup() { IncidentMode::reset(); }

    void switchingOnShowsInTitleAndStatusBar()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_db));
        QTRY_VERIFY(w.session()->isOpen());
        QAction *toggle = w.incidentSwitch()->action();
        auto *label = w.findChild<QLabel *>(QStringLiteral("incidentModeLabel"));
        QVERIFY(label);
        QVERIFY(!w.windowTitle().contains(QLatin1String("READ-ONLY")));
        QVERIFY(label->isHidden());
        // The menu bar's button says the state in words, off as well as on.
        auto *button = w.findChild<QToolButton *>(QStringLiteral("incidentToolButton"));
        QVERIFY(button);
        QVERIFY2(button->text().endsWith(QLatin1String("off")), qPrintable(button->text()));

        toggle->trigger();
        QVERIFY2(button->text().contains(QLatin1String("ON")), qPrintable(button->text()));
        QVERIFY(IncidentMode::isOn());
        QVERIFY(toggle->isChecked());
        QVERIFY(w.windowTitle().contains(QLatin1String("READ-ONLY")));
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(QLatin1String("READ-ONLY")));
        QVERIFY(!w.cleanupPanel()->maintenanceSection()->runButton()->isEnabled());
        QTRY_COMPARE(trail(QStringLiteral("incident-mode-on")).size(), 1);
    }

    void leavingAsksForAReasonAndAuditsIt()
    {
        MainWindow w;
        w.show();
        w.openTarget(Target::sqliteFile(m_db));
        QTRY_VERIFY(w.session()->isOpen());
        QAction *toggle = w.incidentSwitch()->action();
        toggle->trigger(); // on
        toggle->trigger(); // off: asks first
        QVERIFY(IncidentMode::isOn());
        QVERIFY(toggle->isChecked());
        QTRY_VERIFY(w.incidentSwitch()->leaveDialog());
        IncidentLeaveDialog *dialog = w.incidentSwitch()->leaveDialog();
        QCOMPARE(dialog->findChild<QSpinBox *>(QStringLiteral("incidentMinutes"))->value(), 15);
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // no reason, no leaving
        dialog->findChild<QLineEdit *>(QStringLiteral("incidentReason"))->setText(QStringLiteral("restore OPS-17"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        QVERIFY(!IncidentMode::isOn());
        QVERIFY(!toggle->isChecked());
        QVERIFY(!w.windowTitle().contains(QLatin1String("READ-ONLY")));
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("incidentModeLabel"))->text().contains(QLatin1String("until")));
        QTRY_COMPARE(trail(QStringLiteral("incident-mode-leave")).size(), 1);
        const AuditRecord r = trail(QStringLiteral("incident-mode-leave")).first();
        QVERIFY(r.detail.contains(QLatin1String("restore OPS-17")));
        QVERIFY(r.parameters.contains(QLatin1String("minutes=15")));
        QCOMPARE(r.target, Target::sqliteFile(m_db).display());
        const QDateTime until =
            QDateTime::fromString(r.parameters.section(QStringLiteral("until="), 1).section(' ', 0, 0), Qt::ISODate);
        QCOMPARE(IncidentMode::state().liftedUntil.toSecsSinceEpoch(), until.toSecsSinceEpoch());
    }

    void readOnlyProfileOpensInIncidentMode()
    {
        QDir().mkpath(m_xdg.filePath(QStringLiteral("XDG_CONFIG_HOME/dbops")));
        QFile ini(m_xdg.filePath(QStringLiteral("XDG_CONFIG_HOME/dbops/profiles.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral("[prod]\nkind=sqlite_file\npath=%1\nread_only=true\n").arg(m_db).toUtf8());
        ini.close();
        MainWindow w;
        w.show();
        Target t = Target::sqliteFile(m_db);
        t.profileName = QStringLiteral("prod");
        w.openTarget(t);
        QTRY_VERIFY(w.session()->isOpen());
        QVERIFY(IncidentMode::isOn());
        QVERIFY(w.windowTitle().contains(QLatin1String("READ-ONLY")));
    }
};

QTEST_MAIN(TestIncidentSwitch)
#include "tst_incidentswitch.moc"
