// The Overview tab's schema line: read on the session's worker (the tab says "reading…" until the answer comes)
// against the migrations folder remembered for the target — its saved profile's, else the console settings'.
#include "connection/profilestore.h"
#include "panels/overviewpanel.h"
#include "schema/migrationsfolders.h"
#include "session/targetsession.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestOverviewPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_alembicDb;
    QString m_plainDb;
    QString m_folder;

    static QString line(const OverviewPanel &panel)
    {
        return panel.findChild<QLabel *>(QStringLiteral("overviewSchema"))->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        m_alembicDb = m_tmp.filePath(QStringLiteral("bot.db"));
        QVERIFY(SqliteFixture::create(
            m_alembicDb,
            {"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc "
             "PRIMARY KEY (version_num))",
             "INSERT INTO alembic_version VALUES ('012')", "CREATE TABLE trades (id INTEGER PRIMARY KEY, ts TEXT)"},
            true));
        m_plainDb = m_tmp.filePath(QStringLiteral("plain.db"));
        QVERIFY(SqliteFixture::create(m_plainDb, {"CREATE TABLE trades (id INTEGER PRIMARY KEY, ts TEXT)"}));
        // Alembic revisions 010 .. 015, each pointing at the one before: 013, 014 and 015 are not applied.
        m_folder = m_tmp.filePath(QStringLiteral("alembic"));
        QVERIFY(QDir().mkpath(m_folder));
        for (int i = 10; i <= 15; ++i) {
            QFile f(QStringLiteral("%1/0%2_step.py").arg(m_folder).arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("revision = '0%1'\ndown_revision = %2\n")
                        .arg(i)
                        .arg(i == 10 ? QStringLiteral("None") : QStringLiteral("'0%1'").arg(i - 1))
                        .toUtf8());
        }
    }

    void schemaLineUsesTheFolderRememberedForTheTarget()
    {
        const Target target = Target::sqliteFile(m_alembicDb);
        QVERIFY(!MigrationsFolders().remember(target, m_folder));
        TargetSession session;
        OverviewPanel panel(&session);
        session.open(target);
        // Not read on the GUI thread: the line is only a placeholder until the worker answers.
        QCOMPARE(line(panel), QStringLiteral("schema: reading…"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.hasOverview(), true, 15000);
        QCOMPARE(line(panel), QStringLiteral("schema: alembic v012, 3 pending"));
        QCOMPARE(panel.schemaLine(), line(panel));
        QCOMPARE(panel.overview().schema, QStringLiteral("schema: alembic v012, 3 pending"));
    }

    void schemaLineUsesTheProfilesFolder()
    {
        Profile p;
        p.name = QStringLiteral("bot");
        p.target = Target::sqliteFile(m_alembicDb);
        p.migrationsDir = m_folder;
        QVERIFY(!ProfileStore().save(p));
        QVERIFY(!MigrationsFolders().remember(Target::sqliteFile(m_alembicDb), {})); // only the profile has it
        TargetSession session;
        OverviewPanel panel(&session);
        session.open(ProfileStore().find(QStringLiteral("bot"))->target);
        QTRY_COMPARE_WITH_TIMEOUT(panel.hasOverview(), true, 15000);
        QCOMPARE(line(panel), QStringLiteral("schema: alembic v012, 3 pending"));
    }

    // No folder chosen: the one beside the store is found and compared (issue 20's migrations point).
    void folderBesideTheStoreIsFoundWithoutChoosing()
    {
        TargetSession session;
        OverviewPanel panel(&session);
        session.open(Target::sqliteFile(m_alembicDb));
        QTRY_COMPARE_WITH_TIMEOUT(panel.hasOverview(), true, 15000);
        QCOMPARE(line(panel), QStringLiteral("schema: alembic v012, 3 pending"));
    }

    void storeWithoutMigrationTable()
    {
        TargetSession session;
        OverviewPanel panel(&session);
        session.open(Target::sqliteFile(m_plainDb));
        QTRY_COMPARE_WITH_TIMEOUT(panel.hasOverview(), true, 15000);
        QCOMPARE(line(panel), QStringLiteral("schema: no migration table"));
    }

    void migrationsTabUpdatesTheLine()
    {
        TargetSession session;
        OverviewPanel panel(&session);
        session.open(Target::sqliteFile(m_alembicDb));
        QTRY_COMPARE_WITH_TIMEOUT(panel.hasOverview(), true, 15000);
        panel.showSchema(QStringLiteral("schema: alembic v015, up to date"), QStringLiteral("ok"));
        QCOMPARE(line(panel), QStringLiteral("schema: alembic v015, up to date"));
    }
};

QTEST_MAIN(TestOverviewPanel)
#include "tst_overviewpanel.moc"
