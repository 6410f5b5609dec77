// Restore of a whole data directory from its backup folder: a plan per store (impact, schema, writers), one
// safety backup of the directory, every store restored with exact row counts, refusals naming the store.
#include "audit/auditlog.h"
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "restorefixture.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace dbops;
using dbops::test::RestoreFixture;
using dbops::test::SqliteFixture;

class TestDataDirRestore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_dir, m_data, m_backup, m_safety;
    QString trading() const { return m_data + QStringLiteral("/trading/trading.db"); }
    QString signalsDb() const { return m_data + QStringLiteral("/research/signals.db"); }

    RestorePlan planOk()
    {
        RestoreRequest request;
        request.backupPath = m_backup;
        request.safetyDir = m_safety;
        auto plan = RestorePlanner::plan(Target::dataDir(m_data), request, {});
        if (!plan)
            qWarning("plan failed: %s", qPrintable(plan.error().oneLine()));
        return plan ? plan.value() : RestorePlan();
    }
    static RestoreOptions confirmed(const RestorePlan &plan)
    {
        RestoreOptions o;
        o.confirmation = plan.confirmationName();
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    }

    void init()
    {
        m_dir = m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        m_data = m_dir + QStringLiteral("/bot");
        m_safety = m_dir + QStringLiteral("/safety");
        m_backup = RestoreFixture::createDivergedDataDir(m_data, m_dir + QStringLiteral("/backups"));
        QVERIFY(QFileInfo(m_backup).isDir());
    }

    void planHasEveryStoreWithItsImpact()
    {
        const RestorePlan plan = planOk();
        QVERIFY(plan.verify.verified());
        QCOMPARE(plan.members.size(), 2);
        QCOMPARE(plan.confirmationName(), QStringLiteral("bot"));
        const TableImpact *trades = RestoreFixture::tableOf(plan, QStringLiteral("trading/trading.db:trades"));
        QVERIFY(trades);
        QCOMPARE(trades->rowsNow, 17);
        QCOMPARE(trades->rowsBackup, 10);
        QCOMPARE(trades->rowsLostEstimate, RestoreFixture::kNewerTrades);
        QVERIFY(trades->lostIsExact);
        const TableImpact *sig = RestoreFixture::tableOf(plan, QStringLiteral("research/signals.db:signals"));
        QVERIFY(sig);
        QCOMPARE(sig->rowsLostEstimate, RestoreFixture::kNewerSignals);
        QVERIFY2(plan.impact.summary().join('\n').contains(
                     QLatin1String("trading/trading.db: schema changes: now user_version 5, the backup has "
                                   "user_version 4")),
                 qPrintable(plan.impact.summary().join('\n')));
        QVERIFY(!plan.writers.writing());
        for (const RestorePlan &m : plan.members) {
            QVERIFY(!m.intoNew());
            QVERIFY(m.verify.verified());
        }
    }

    void restoresEveryStoreAfterOneSafetyBackup()
    {
        const RestorePlan plan = planOk();
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.members.size(), 2);
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("trades")), RestoreFixture::kBackupTrades);
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("orders")), 0);
        QCOMPARE(SqliteFixture::scalar(trading(), QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(SqliteFixture::rows(signalsDb(), QStringLiteral("signals")), RestoreFixture::kBackupSignals);
        for (const QString &db : {trading(), signalsDb()})
            QCOMPARE(SqliteFixture::scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
        QVERIFY(r.hasSafetyBackup);
        QCOMPARE(r.safetyBackup.manifest.engine, QStringLiteral("datadir"));
        QCOMPARE(r.safetyBackup.manifest.kind, QStringLiteral("safety"));
        QCOMPARE(
            SqliteFixture::rows(r.safetyBackup.path + QStringLiteral("/trading/trading.db"), QStringLiteral("trades")),
            17);
        QCOMPARE(SqliteFixture::rows(r.safetyBackup.path + QStringLiteral("/research/signals.db"),
                                     QStringLiteral("signals")),
                 7);
        // Audited as one restore of the directory, naming every store.
        auto audit = AuditLog().recent(5);
        QVERIFY(audit && !audit->isEmpty());
        const AuditRecord last = audit->first();
        QCOMPARE(last.action, QStringLiteral("restore"));
        QCOMPARE(last.outcome, QStringLiteral("ok"));
        QVERIFY2(last.parameters.contains(QLatin1String("trading/trading.db:restored")) &&
                     last.parameters.contains(QLatin1String("research/signals.db:restored")),
                 qPrintable(last.parameters));
    }

    void storeMissingNowIsCreated()
    {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(signalsDb() + suffix);
        const RestorePlan plan = planOk();
        QCOMPARE(plan.members.size(), 2);
        QVERIFY(plan.members.at(0).intoNew() != plan.members.at(1).intoNew());
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(SqliteFixture::rows(signalsDb(), QStringLiteral("signals")), RestoreFixture::kBackupSignals);
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("trades")), RestoreFixture::kBackupTrades);
    }

    void storeWithAWriteLockIsRefusedNamingIt()
    {
        const RestorePlan plan = planOk();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
        db.setDatabaseName(signalsDb());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        q = QSqlQuery();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        QCOMPARE(r.status, RestoreResult::Status::Refused);
        QVERIFY2(r.error.message.contains(QLatin1String("research/signals.db: a write transaction is open")),
                 qPrintable(r.error.message));
        QVERIFY(!r.hasSafetyBackup);
        QVERIFY(r.members.isEmpty());
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("trades")), 17);
        QCOMPARE(SqliteFixture::rows(signalsDb(), QStringLiteral("signals")), 7);
    }

    void unconfirmedIsRefused()
    {
        const RestorePlan plan = planOk();
        RestoreOptions o;
        o.confirmation = QStringLiteral("trading.db");
        const RestoreResult r = RestoreService::apply(plan, o, {});
        QCOMPARE(r.status, RestoreResult::Status::Refused);
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("trades")), 17);
    }

    void storeNotInTheBackupIsLeftAlone()
    {
        const QString extra = m_data + QStringLiteral("/later/new.db");
        QVERIFY(QDir().mkpath(QFileInfo(extra).absolutePath()));
        QVERIFY(SqliteFixture::createTradingStore(extra, 5, true));
        const RestorePlan plan = planOk();
        QVERIFY2(plan.impact.summary().join('\n').contains(QLatin1String("left as they are: later/new.db")),
                 qPrintable(plan.impact.summary().join('\n')));
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(SqliteFixture::rows(extra, QStringLiteral("trades")), 5);
    }

    void backupOfOneStoreIsNotADataDirBackup()
    {
        const QString single = RestoreFixture::createDivergedStore(m_dir + QStringLiteral("/one/trading.db"),
                                                                   m_dir + QStringLiteral("/onebackups"));
        QVERIFY(!single.isEmpty());
        RestoreRequest request;
        request.backupPath = single;
        auto plan = RestorePlanner::plan(Target::dataDir(m_data), request, {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Usage);
        // …and the data directory backup is refused for a single store.
        request.backupPath = m_backup;
        auto wrongWay = RestorePlanner::plan(Target::sqliteFile(trading()), request, {});
        QVERIFY(!wrongWay);
        QCOMPARE(wrongWay.error().code, ErrorCode::Usage);
    }

    void damagedMemberIsRefusedBeforeAnythingChanges()
    {
        QFile f(m_backup + QStringLiteral("/research/signals.db"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() - 8);
        f.write("xxxxxxxx");
        f.close();
        RestoreRequest request;
        request.backupPath = m_backup;
        request.safetyDir = m_safety;
        auto plan = RestorePlanner::plan(Target::dataDir(m_data), request, {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Refused);
        QVERIFY2(plan.error().message.contains(QLatin1String("research/signals.db")), qPrintable(plan.error().message));
        QCOMPARE(SqliteFixture::rows(trading(), QStringLiteral("trades")), 17);
        QVERIFY(!QFileInfo::exists(m_safety));
    }
};

QTEST_GUILESS_MAIN(TestDataDirRestore)
#include "tst_datadirrestore.moc"
