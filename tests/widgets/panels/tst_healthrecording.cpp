// One health scan appends exactly one point to the target's size history, whichever front end ran it: the
// Health tab's Scan (a preliminary quick job and the full one) and one `dbops health --record`.
#include "clirunner.h"
#include "panels/healthpanel.h"
#include "schema/healthhistory.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::CliRunner;
using dbops::test::SqliteFixture;

class TestHealthRecording : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_history;

    int points() const { return HealthHistory(m_history).load().size(); }

private Q_SLOTS:
    void initTestCase()
    {
        // the console and the CLI resolve the same history file from the same state folder
        qputenv("XDG_STATE_HOME", m_tmp.filePath(QStringLiteral("state")).toUtf8());
        m_db = m_tmp.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 200));
        m_history = HealthHistory::fileFor(Target::sqliteFile(m_db));
    }

    void oneScanInTheConsoleAppendsOnePoint()
    {
        const int before = points();
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        HealthPanel panel;
        panel.setWorker(&worker);
        panel.setHistoryFile(m_history);
        QSignalSpy loaded(&panel, &HealthPanel::reportLoaded);
        QSignalSpy finished(&worker, &DbWorker::jobFinished);
        panel.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        // the history read when the file is set, the quick preliminary scan, the full one, the history read again
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 20000);
        QCOMPARE(points(), before + 1);
    }

    void oneCliScanAppendsOnePoint()
    {
        const int before = points();
        QProcessEnvironment env = CliRunner::cleanEnvironment();
        env.insert(QStringLiteral("XDG_STATE_HOME"), m_tmp.filePath(QStringLiteral("state")));
        const auto r =
            CliRunner::run({QStringLiteral("health"), QStringLiteral("--db"), m_db, QStringLiteral("--record")}, env);
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QCOMPARE(points(), before + 1);
    }
};

QTEST_MAIN(TestHealthRecording)
#include "tst_healthrecording.moc"
