// The backup catalog: every backup in a folder from its manifest, newest first, with its verification state;
// a missing file or unreadable manifest shows as failed; temporaries are not backups. The item model over it.
#include "item/backupcatalogmodel.h"
#include "item/itemroles.h"
#include "ops/backupcatalog.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "sqlitefixture.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestBackupCatalog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_dir;
    QList<BackupResult> m_backups; // oldest first

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        const QString source = m_home.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(source, 100));
        m_dir = m_home.filePath(QStringLiteral("backups"));
        for (int i = 0; i < 4; ++i) {
            auto r = BackupService::backup(Target::sqliteFile(source), BackupRequest{m_dir}, {});
            QVERIFY(r);
            m_backups << r.value();
            QTest::qWait(5);
        }
        QVERIFY(BackupVerifier::verify(m_backups[1].path, {}, {})->verified());
        QFile::resize(m_backups[2].path, 100);
        QVERIFY(!BackupVerifier::verify(m_backups[2].path, {}, {})->verified());
        QFile::remove(m_backups[3].path);
        QFile junk(m_dir + QStringLiteral("/.x.db.manifest.json.partial-1-0"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
    }

    void listsEveryBackupNewestFirstWithItsState()
    {
        auto entries = BackupCatalog::list(m_dir);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 4);
        QCOMPARE(entries->at(0).path, m_backups[3].path);
        QCOMPARE(entries->at(3).path, m_backups[0].path);
        QCOMPARE(entries->at(3).state, Verification::State::Unverified);
        QCOMPARE(entries->at(2).state, Verification::State::Verified);
        QCOMPARE(entries->at(1).state, Verification::State::Failed);
        QVERIFY(!entries->at(1).problems.isEmpty());
        QCOMPARE(entries->at(0).state, Verification::State::Failed); // its file is gone
        QVERIFY(entries->at(0).fileMissing);
        QCOMPARE(entries->at(3).bytes(), m_backups[0].manifest.bytes);
        QCOMPARE(entries->at(3).manifest.source, m_backups[0].manifest.source);
        QVERIFY(entries->at(3).ageSeconds() >= 0);
        const QJsonObject json = entries->at(2).toJson();
        for (const char *key :
             {"path", "manifest", "state", "age_seconds", "bytes", "source", "created_at", "problems"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value(QLatin1String("state")).toString(), QStringLiteral("verified"));
    }

    void missingFolderIsNotFound()
    {
        auto entries = BackupCatalog::list(m_home.filePath(QStringLiteral("none")));
        QVERIFY(!entries);
        QCOMPARE(entries.error().code, ErrorCode::NotFound);
    }

    void modelShowsStatesAsSeverities()
    {
        BackupCatalogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(BackupCatalog::list(m_dir).value());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(2, BackupCatalogModel::StateColumn)).toString(), QStringLiteral("verified"));
        QCOMPARE(model.data(model.index(2, 0), ItemRole::SeverityRole).toInt(), int(Severity::Good));
        QCOMPARE(model.data(model.index(1, 0), ItemRole::SeverityRole).toInt(), int(Severity::Critical));
        QCOMPARE(model.data(model.index(3, 0), ItemRole::SeverityRole).toInt(), int(Severity::Normal));
        QCOMPARE(model.data(model.index(3, 0), ItemRole::PathRole).toString(), m_backups[0].path);
        QCOMPARE(model.data(model.index(3, BackupCatalogModel::SizeColumn), ItemRole::SortRole).toLongLong(),
                 m_backups[0].manifest.bytes);
    }
};

QTEST_GUILESS_MAIN(TestBackupCatalog)
#include "tst_backupcatalog.moc"
