// The Backups tab on a real PostgreSQL database: the compression level (pg_dump -Z) is offered for it and
// reaches pg_dump, and the backup lands in the destination folder the operator chose.
#include "connection/connector.h"
#include "item/backupcatalogmodel.h"
#include "log/logging.h"
#include "mainwindow.h"
#include "ops/manifest.h"
#include "panels/backupspanel.h"
#include "pgtestserver.h"
#include "session/backupactions.h"
#include "session/targetsession.h"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_backups_panel");
} // namespace

class TestPgBackupsPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_tmp.filePath(QLatin1String(var)).toUtf8());
        Logging::setup(Logging::Mode::Gui);
        DBOPS_REQUIRE_PG();
        QVERIFY(!PgTestServer::createDatabase(kDb));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("setup"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE trades AS SELECT g AS id FROM generate_series(1, 1000) g")));
    }

    void cleanupTestCase() { QVERIFY(!PgTestServer::dropDatabase(kDb)); }

    void compressionChosenInTheTabReachesPgDump()
    {
        const QString out = m_tmp.filePath(QStringLiteral("pg-backups"));
        QVERIFY(QDir().mkpath(out));
        MainWindow w;
        w.show();
        w.backupsPanel()->setBackupDir(out);
        w.openTarget(PgTestServer::target(kDb));
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->target().isPostgres(), 15000);
        w.findChild<QTabWidget *>(QStringLiteral("panelTabs"))->setCurrentWidget(w.backupsPanel());
        auto *compression = w.findChild<QSpinBox *>(QStringLiteral("backupCompression"));
        QVERIFY(compression);
        QVERIFY(compression->isVisible());
        QCOMPARE(compression->value(), 1); // dbops' fast default
        compression->setValue(6);
        QSignalSpy ok(w.backupActions(), &BackupActions::succeeded);
        QSignalSpy failed(w.backupActions(), &BackupActions::failed);
        auto *backup = w.findChild<QPushButton *>(QStringLiteral("backupNow"));
        QTRY_VERIFY(backup->isEnabled());
        QTest::mouseClick(backup, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ok.count() + failed.count(), 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).value<Error>().oneLine()));
        QTRY_COMPARE_WITH_TIMEOUT(w.backupsPanel()->model()->rowCount(), 1, 10000);
        const CatalogEntry entry = w.backupsPanel()->model()->entry(0);
        QCOMPARE(QFileInfo(entry.path).absolutePath(), QFileInfo(out).absoluteFilePath());
        QCOMPARE(entry.manifest.tools.value(QLatin1String("compression")).toInt(), 6);
    }
};

QTEST_MAIN(TestPgBackupsPanel)
#include "tst_pg_backupspanel.moc"
