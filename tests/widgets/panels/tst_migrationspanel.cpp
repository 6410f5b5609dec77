// The Migrations tab: reads through a real DbWorker on a real SQLite store, fills its table and timeline,
// reports the overview's summary line, and remembers the folder chosen per target (profile, else settings).
#include "connection/profilestore.h"
#include "ctsmigrations.h"
#include "item/itemroles.h"
#include "item/migrationsmodel.h"
#include "panels/migrationspanel.h"
#include "sqlitefixture.h"
#include "worker/dbworker.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <qcustomplot.h>

using namespace dbops;
using dbops::test::CtsCase;
using dbops::test::CtsMigrations;
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
        QVERIFY(m_tmp.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
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

    // A count of migrations ticks in whole numbers.
    void timelineTicksInWholeNumbers()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE(loaded.count(), 1);
        panel.resize(700, 500);
        panel.show();
        panel.timeline()->replot();
        const QVector<QString> labels = panel.timeline()->yAxis->tickVectorLabels();
        QVERIFY(!labels.isEmpty());
        for (const QString &label : labels)
            QVERIFY2(!label.contains(QLatin1Char('.')), qPrintable(label));
    }

    // The store's migrations folder sits beside it: compared without anyone choosing it (the tab once said OK
    // until a folder was given), the field saying which folder was used; applied and pending rows are named alike.
    void folderBesideTheStoreIsComparedWithoutChoosing()
    {
        DbWorker worker(Target::sqliteFile(m_db), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        panel.setFolder(QString());
        QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(panel.summary(), QStringLiteral("schema: v003, 1 pending, 1 missing"));
        const QString placeholder = panel.findChild<QLineEdit *>(QStringLiteral("migrationsFolder"))->placeholderText();
        QVERIFY2(placeholder.contains(m_dir), qPrintable(placeholder));
        QCOMPARE(panel.model()->index(0, MigrationsModel::NameColumn).data().toString(), QStringLiteral("001_initial"));
        QCOMPARE(panel.model()->index(3, MigrationsModel::NameColumn).data().toString(), QStringLiteral("004_new"));
    }

    // The CTS bot's shape: of the two files of version 038 one is deleted, of the two of 051 one is edited. Only
    // those rows are marked; the timeline has a step per applied row.
    void sharedVersionsMarkOnlyTheRowConcerned()
    {
        const QString db = m_tmp.filePath(QStringLiteral("cts.db"));
        const QString dir = m_tmp.filePath(QStringLiteral("cts"));
        const CtsCase c{"deleted and edited",
                        QStringLiteral("038_hotfix_engine_lock_timeout.sql"),
                        QStringLiteral("051_add_partial_indexes.sql"),
                        {},
                        {},
                        {},
                        {},
                        {}};
        QVERIFY(SqliteFixture::create(db, CtsMigrations::statements(QStringLiteral("sqlite"), c)));
        QVERIFY(CtsMigrations::writeFolder(dir, c));
        DbWorker worker(Target::sqliteFile(db), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        panel.setFolder(dir);
        QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE(loaded.count(), 1);
        QMap<QString, QString> marked;
        for (int r = 0; r < panel.model()->rowCount(); ++r)
            if (panel.model()->row(r).state != QLatin1String("applied"))
                marked.insert(panel.model()->row(r).entry.name, panel.model()->row(r).state);
        QCOMPARE(marked, (QMap<QString, QString>{{"038_hotfix_engine_lock_timeout", "missing file"},
                                                 {"051_add_partial_indexes", "changed"}}));
        QCOMPARE(panel.timeline()->graph(0)->dataCount(), CtsMigrations::fileNames().size());
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

    // The operator types a folder (Return) for a target opened from a saved profile: the profile keeps it, and
    // the next time the profile is opened the panel starts from it.
    void folderIsRememberedInTheProfile()
    {
        Profile bot;
        bot.name = QStringLiteral("bot");
        bot.target = Target::sqliteFile(m_db);
        QVERIFY(!ProfileStore().save(bot));
        const Target target = ProfileStore().find(QStringLiteral("bot"))->target;
        {
            DbWorker worker(target, SessionOptions::monitor(), QStringLiteral("test"));
            MigrationsPanel panel;
            panel.setWorker(&worker);
            QCOMPARE(panel.folder(), QString());
            chooseByTyping(panel, m_dir);
        }
        QCOMPARE(ProfileStore().find(QStringLiteral("bot"))->migrationsDir, m_dir);
        DbWorker worker(target, SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        QCOMPARE(panel.folder(), m_dir);
        QSignalSpy loaded(&panel, &MigrationsPanel::reportLoaded);
        panel.refresh();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(panel.summary(), QStringLiteral("schema: v003, 1 pending, 1 missing"));
    }

    // A target without a profile: kept in the console's settings under the target's display form.
    void folderOfUnsavedTargetIsRememberedInSettings()
    {
        const QString other = m_tmp.filePath(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::create(other, {"CREATE TABLE t (id INTEGER PRIMARY KEY)"}));
        {
            DbWorker worker(Target::sqliteFile(other), SessionOptions::monitor(), QStringLiteral("test"));
            MigrationsPanel panel;
            panel.setWorker(&worker);
            QCOMPARE(panel.folder(), QString());
            chooseByTyping(panel, m_dir);
        }
        QVERIFY(!ProfileStore().find(QStringLiteral("other")));
        QFile settings(MigrationsFolders().settingsFile());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(settings.readAll().contains(m_dir.toUtf8()));
        DbWorker worker(Target::sqliteFile(other), SessionOptions::monitor(), QStringLiteral("test"));
        MigrationsPanel panel;
        panel.setWorker(&worker);
        QCOMPARE(panel.folder(), m_dir);
        // Another target does not inherit it.
        DbWorker third(Target::sqliteFile(m_tmp.filePath(QStringLiteral("third.db"))), SessionOptions::monitor(),
                       QStringLiteral("test"));
        panel.setWorker(&third);
        QCOMPARE(panel.folder(), QString());
    }

private:
    static void chooseByTyping(MigrationsPanel &panel, const QString &dir)
    {
        auto *edit = panel.findChild<QLineEdit *>(QStringLiteral("migrationsFolder"));
        QVERIFY(edit);
        QSignalSpy chosen(&panel, &MigrationsPanel::folderChosen);
        QTest::keyClicks(edit, dir);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().first().toString(), dir);
    }
};

QTEST_MAIN(TestMigrationsPanel)
#include "tst_migrationspanel.moc"
