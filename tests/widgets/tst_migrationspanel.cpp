// The Migrations tab: reads through a real DbWorker on a real SQLite store, fills its table and timeline,
// and reports the overview's summary line.
#include "item/itemroles.h"
#include "item/migrationsmodel.h"
#include "panels/migrationspanel.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <qcustomplot.h>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestMigrationsPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_db;
    QString m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_tmp.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::create(
            m_db, {"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT "
                   "NOT NULL)",
                   "INSERT INTO schema_migrations VALUES ('001','initial','2024-01-01T09:00:00.000Z'),"
                   "('002','trades','2024-01-02T09:00:00.000Z'),('003','gone','2024-01-03T09:00:00.000Z')"}));
        m_dir = m_tmp.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(m_dir));
        for (const char *name : {"001_initial.sql", "002_trades.sql", "004_new.sql"}) {
            QFile f(m_dir + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("--\n");
        }
    }

    void readsThroughTheWorker()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        QAbstractItemModelTester tester(panel.model());
        panel.setWorker(&worker);
        panel.setFolder(m_dir);
        QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(panel.summary(), QStringLiteral("schema: v003, 1 pending, 1 missing"));
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("migrationsSummary"))->text(), panel.summary());
        QCOMPARE(panel.model()->rowCount(), 4);
        QStringList states;
        for (int r = 0; r < panel.model()->rowCount(); ++r)
            states << panel.model()->row(r).state;
        QCOMPARE(states, QStringList({"applied", "applied", "missing file", "pending"}));
        QCOMPARE(panel.model()->index(3, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Warning));
        QCOMPARE(panel.timeline()->graphCount(), 1);
        QCOMPARE(panel.timeline()->graph(0)->dataCount(), 3);
    }

    void failedStateIsCritical()
    {
        MigrationState s;
        s.tool = QStringLiteral("golang-migrate");
        s.current = QStringLiteral("7");
        s.dirty = true;
        MigrationEntry e;
        e.version = QStringLiteral("7");
        s.applied << e;
        s.failed << e;
        MigrationReport r;
        r.tools << s;
        MigrationsPanel panel;
        panel.setReport(r);
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.model()->row(0).state, QStringLiteral("dirty"));
        QCOMPARE(panel.model()->index(0, 0).data(ItemRole::SeverityRole).toInt(), int(Severity::Critical));
    }

    void badFolderIsShownAsError()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        panel.setFolder(m_tmp.filePath(QStringLiteral("nope")));
        QSignalSpy failed(&panel, &MigrationsPanel::errorReported);
        panel.refresh();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::NotFound);
    }
};

QTEST_MAIN(TestMigrationsPanel)
#include "tst_migrationspanel.moc"
