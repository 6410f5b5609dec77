// "Capture incident…" runs the evidence bundle on a worker thread with a progress dialog: it ends with the
// archive written, and Cancel leaves nothing behind.
#include "dialogs/jobprogressdialog.h"
#include "session/incidentactions.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestIncidentActions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_store;

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            qputenv(v, m_dir.filePath(QStringLiteral("xdg")).toUtf8());
        m_store = m_dir.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_store, 200, true));
    }

    void captureWritesTheArchive()
    {
        QWidget window;
        IncidentActions actions(&window);
        QSignalSpy done(&actions, &IncidentActions::succeeded);
        QSignalSpy failed(&actions, &IncidentActions::failed);
        const QString out = m_dir.filePath(QStringLiteral("out"));
        actions.capture(Target::sqliteFile(m_store), out);
        QVERIFY(actions.busy());
        QVERIFY(actions.progressDialog());
        QVERIFY(QTest::qWaitFor([&] { return done.count() + failed.count() > 0; }, 60000));
        QCOMPARE(failed.count(), 0);
        const QString archive = done.first().at(0).toString();
        QVERIFY2(archive.startsWith(out + QStringLiteral("/dbops-incident-trading-")), qPrintable(archive));
        QVERIFY(QFile::exists(archive));
        QVERIFY(!actions.busy());
    }

    void cancelLeavesNothing()
    {
        QWidget window;
        IncidentActions actions(&window);
        QSignalSpy failed(&actions, &IncidentActions::failed);
        const QString out = m_dir.filePath(QStringLiteral("cancelled"));
        actions.capture(Target::sqliteFile(m_store), out);
        actions.progressDialog()->cancelJob();
        QVERIFY(QTest::qWaitFor([&] { return failed.count() > 0; }, 60000));
        QCOMPARE(failed.first().at(0).value<Error>().code, ErrorCode::Cancelled);
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }
};

QTEST_MAIN(TestIncidentActions)
#include "tst_incidentactions.moc"
