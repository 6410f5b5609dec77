// The Audit tab shows whether the trail's hash chain is whole, checked on the file worker, and names the first
// broken record once someone edited the trail behind dbops's back; "Alerts only" lists the alert records alone.
#include "audit/auditlog.h"
#include "auditfixture.h"
#include "item/auditmodel.h"
#include "panels/auditpanel.h"
#include "worker/dbworker.h"

#include <QLabel>
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
};

QTEST_MAIN(TestAuditPanel)
#include "tst_auditpanel.moc"
