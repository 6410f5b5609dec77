// The status bar's alert indicator: a board with a critical row shows "1 alert" with the reason in its tooltip
// (judged on the file worker), a click asks for the Audit tab, and the recovery hides it again.
#include "audit/auditlog.h"
#include "common/alertindicator.h"
#include "worker/dbworker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

StatusBoard board(CheckState backup)
{
    StatusBoard b;
    b.target = QStringLiteral("/bots/trading.db");
    b.engine = QStringLiteral("sqlite");
    StatusCheck c = StatusCheck::named(QStringLiteral("backup"), QStringLiteral("backups"), QStringLiteral("seconds"));
    c.state = backup;
    c.reason = backup == CheckState::Ok ? QStringLiteral("newest verified backup 2 h ago")
                                        : QStringLiteral("no backup of this store in /backups");
    b.checks << c;
    return b;
}

} // namespace

class TestAlertIndicator : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // The indicator's answer to `b`: waits for the judged board.
    static bool judge(AlertIndicator &indicator, const StatusBoard &b)
    {
        QSignalSpy changed(&indicator, &AlertIndicator::alertsChanged);
        indicator.record(b);
        return changed.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qputenv("DBOPS_SYSTEMCTL", m_dir.filePath(QStringLiteral("no-systemctl")).toUtf8());
    }

    void criticalRowShowsCountAndReason()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AlertIndicator indicator(&files, m_dir.filePath(QStringLiteral("shows.db")));
        QVERIFY(indicator.isHidden());
        QVERIFY(judge(indicator, board(CheckState::Critical)));
        QCOMPARE(indicator.activeCount(), 1);
        QVERIFY(!indicator.isHidden());
        QVERIFY2(indicator.text().contains(QStringLiteral("1 alert")), qPrintable(indicator.text()));
        QVERIFY2(indicator.toolTip().contains(QStringLiteral("no backup of this store")),
                 qPrintable(indicator.toolTip()));
    }

    void clickAsksForTheAuditTab()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AlertIndicator indicator(&files, m_dir.filePath(QStringLiteral("click.db")));
        QVERIFY(judge(indicator, board(CheckState::Critical)));
        QSignalSpy open(&indicator, &AlertIndicator::openRequested);
        QTest::mouseClick(&indicator, Qt::LeftButton);
        QCOMPARE(open.count(), 1);
    }

    void recoveryHidesItAndIsAudited()
    {
        const QString state = m_dir.filePath(QStringLiteral("recovery.db"));
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AlertIndicator indicator(&files, state);
        QVERIFY(judge(indicator, board(CheckState::Warning)));
        QVERIFY(judge(indicator, board(CheckState::Ok)));
        QCOMPARE(indicator.activeCount(), 0);
        QVERIFY(indicator.isHidden());
        QStringList outcomes;
        const auto trail = AuditLog(state).all();
        QVERIFY(trail);
        for (const AuditRecord &r : trail.value())
            if (r.action == QLatin1String("alert"))
                outcomes << r.outcome;
        QCOMPARE(outcomes, (QStringList{QStringLiteral("warning"), QStringLiteral("ok")}));
    }
};

QTEST_MAIN(TestAlertIndicator)
#include "tst_alertindicator.moc"
