// The Audit tab shows whether the trail's hash chain is whole, checked on the file worker, and names the first
// broken record once someone edited the trail behind dbops's back; "Alerts only" lists the alert records alone;
// long parameters leave the Detail column its width.
#include "audit/auditlog.h"
#include "auditfixture.h"
#include "item/auditmodel.h"
#include "panels/auditpanel.h"
#include "worker/dbworker.h"

#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestAuditPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString trail(const QString &name, int records, int alerts = 0)
    {
        const QString path = m_dir.filePath(name);
        for (int i = 0; i < records + alerts; ++i) {
            AuditRecord r;
            r.target = QStringLiteral("/srv/bot/data");
            r.action = i < records ? QStringLiteral("backup") : QStringLiteral("alert");
            r.outcome = QStringLiteral("ok");
            AuditLog(path).append(r);
        }
        return path;
    }

    // The chain line once the check answered.
    static QString chainLine(AuditPanel &panel)
    {
        panel.refresh();
        if (!QTest::qWaitFor([&] { return !panel.chainText().contains(QStringLiteral("checking")); }, 30000))
            return QStringLiteral("(no answer)");
        return panel.chainText();
    }

private Q_SLOTS:
    void wholeChainSaysSo()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AuditPanel panel(&files, trail(QStringLiteral("whole.db"), 3));
        const QString line = chainLine(panel);
        QVERIFY2(line.startsWith(QStringLiteral("Chain: whole (3 record")), qPrintable(line));
        QVERIFY(!panel.chainBroken());
    }

    void editedRecordIsNamed()
    {
        const QString path = trail(QStringLiteral("edited.db"), 4);
        QVERIFY(AuditFixture::exec(path, {QStringLiteral("UPDATE audit SET outcome = 'failed' WHERE id = 2")}));
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AuditPanel panel(&files, path);
        const QString line = chainLine(panel);
        QVERIFY2(line.startsWith(QStringLiteral("Chain broken at record 2 ")), qPrintable(line));
        QVERIFY(panel.chainBroken());
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("auditChain"))->text(), line);
    }

    void alertsOnlyListsTheAlerts()
    {
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AuditPanel panel(&files, trail(QStringLiteral("alerts.db"), 3, 2));
        panel.refresh();
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 5; }, 30000));
        panel.setAlertsOnly(true);
        QCOMPARE(panel.model()->rowCount(), 2);
        panel.setAlertsOnly(false);
        QCOMPARE(panel.model()->rowCount(), 5);
    }

    void longParametersLeaveDetailItsWidth()
    {
        const QString path = m_dir.filePath(QStringLiteral("long.db"));
        AuditRecord r;
        r.target = QStringLiteral("/srv/bot/data/trading/trading.db");
        r.action = QStringLiteral("cleanup");
        r.parameters = QStringLiteral("policy=market_data:timestamp:7d:archived_market_data ").repeated(6).trimmed();
        r.outcome = QStringLiteral("ok");
        r.detail = QStringLiteral("market_data: 1,200 rows archived and deleted; freed 4.2 MiB");
        AuditLog(path).append(r);
        DbWorker files(Target{}, SessionOptions::monitor(), QStringLiteral("files"));
        AuditPanel panel(&files, path);
        panel.resize(1200, 500);
        panel.show(); // reads the trail
        QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 1; }, 30000));
        auto *view = panel.findChild<QTableView *>(QStringLiteral("auditTable"));
        QVERIFY(view);
        const int viewport = view->viewport()->width();
        // The part of Detail on screen (not scrolled off to the right) holds a fair share of the width.
        const auto detailShown = [&] {
            const int left = view->columnViewportPosition(AuditModel::DetailColumn);
            return std::min(view->columnWidth(AuditModel::DetailColumn), viewport - left);
        };
        QTRY_VERIFY2(detailShown() >= viewport / 4,
                     qPrintable(QStringLiteral("Detail %1 px shown of %2, Parameters %3 px")
                                    .arg(detailShown())
                                    .arg(viewport)
                                    .arg(view->columnWidth(AuditModel::ParametersColumn))));
        if (qEnvironmentVariableIsSet("DBOPS_GRAB")) // a look at it: DBOPS_GRAB=/tmp/audit.png
            panel.grab().save(qEnvironmentVariable("DBOPS_GRAB"));
        const QModelIndex parameters = view->model()->index(0, AuditModel::ParametersColumn);
        QCOMPARE(parameters.data(Qt::ToolTipRole).toString(), r.parameters); // the cut text in full
    }
};

QTEST_MAIN(TestAuditPanel)
#include "tst_auditpanel.moc"
