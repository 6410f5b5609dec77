// The Backups tab of a PostgreSQL server with a real pgBackRest stanza (local repository, made by the CLI as an
// operator would): its backups are on the timeline, a full and an incremental one drawn apart, with their labels
// in the tooltips, and its point-in-time window is a band. The stanza is found as `dbops backups` finds it: the
// profile's pgbackrest_config=, the stanza by the server's system identifier. DBOPS_SHOTS=DIR keeps a picture.
// Runs alone (RUN_SERIAL): archive_command is the server's.
#include "charts/backuptimeline.h"
#include "connection/profilestore.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "panels/backupspanel.h"
#include "pgarchive.h"
#include "pgstanza.h"
#include "pgtestserver.h"
#include "session/targetsession.h"

#include <QSettings>
#include <QTabWidget>
#include <QtTest>
#include <qcustomplot.h>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kProfile = QStringLiteral("pitr_panel");
} // namespace

class TestPgBackupsPitr : public QObject {
    Q_OBJECT
    PgStanza m_stanza{QStringLiteral("dbops_panel")};
    QString m_full;
    QString m_incr;

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_stanza.prepare()); // XDG folders and PGPASSFILE of this process too
        Logging::setup(Logging::Mode::Gui);
        const CliResult setup = m_stanza.setUp();
        QVERIFY2(setup.exitCode == 0, setup.err.constData());
        const CliResult full = m_stanza.backup(QStringLiteral("full"));
        QVERIFY2(full.exitCode == 0, full.err.constData());
        const CliResult incr = m_stanza.backup(QStringLiteral("incr"));
        QVERIFY2(incr.exitCode == 0, incr.err.constData());
        m_full = PgStanza::label(full);
        m_incr = PgStanza::label(incr);
        QVERIFY(m_full.endsWith(QLatin1Char('F')) && m_incr.endsWith(QLatin1Char('I')));
        ProfileStore profiles;
        Profile profile;
        profile.name = kProfile;
        profile.target = PgTestServer::target();
        QVERIFY(!profiles.save(profile));
        QSettings settings(profiles.file(), QSettings::IniFormat);
        settings.setValue(kProfile + QStringLiteral("/pgbackrest_config"), m_stanza.configFile());
    }
    void cleanupTestCase() { QVERIFY(PgArchive::restore()); }

    void theStanzasBackupsAndWindowAreOnTheTimeline()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        const auto profile = ProfileStore().find(kProfile);
        QVERIFY(profile);
        w.openTarget(profile->target);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->target().isPostgres(), 15000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
        const BackupTimeline *timeline = w.backupsPanel()->timeline();
        QTRY_COMPARE_WITH_TIMEOUT(timeline->pitrPointCount(), 2, 60000);
        QVERIFY(timeline->hasPitrWindow());
        timeline->plot()->replot();
        QVERIFY(timeline->pitrShape(QStringLiteral("full")) != timeline->pitrShape(QStringLiteral("incr")));
        for (const QString &label : {m_full, m_incr}) {
            const QString tip = timeline->toolTipAt(timeline->pitrPointOf(label));
            QVERIFY2(tip.contains(label), qPrintable(tip));
        }
        QVERIFY(timeline->toolTipAt(timeline->pitrPointOf(m_incr)).contains(QStringLiteral("incremental")));
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty())
            QVERIFY(w.backupsPanel()->grab().save(shots + QStringLiteral("/backups-pitr.png")));
    }
};

QTEST_MAIN(TestPgBackupsPitr)
#include "tst_pg_backupspitr.moc"
