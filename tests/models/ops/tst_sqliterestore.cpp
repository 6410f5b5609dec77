// Restore of real SQLite stores: the impact preview, the restore through the backup API, refusals (writers,
// a corrupt backup, no confirmation), the safety backup, cancel, restore to a new file, the audit trail.
#include "audit/auditlog.h"
#include "ops/backupservice.h"
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "ops/sha256.h"
#include "restorefixture.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace dbops;
using dbops::test::RestoreFixture;
using dbops::test::SqliteFixture;

namespace {

QString sha(const QString &path) { return Sha256::ofFile(path).value(); }

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

bool exec(const QString &path, const QStringList &statements) { return SqliteFixture::create(path, statements, false); }

} // namespace

class TestSqliteRestore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_dir;
    QString m_live;
    QString m_backup;
    QString m_safetyDir;

    RestoreRequest request() const
    {
        RestoreRequest r;
        r.backupPath = m_backup;
        r.safetyDir = m_safetyDir;
        return r;
    }
    RestorePlan planOk(const RestoreRequest &r)
    {
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), r, {});
        if (!plan)
            qWarning("plan failed: %s", qPrintable(plan.error().oneLine()));
        return plan ? plan.value() : RestorePlan();
    }
    RestoreOptions confirmed(const RestorePlan &plan, bool force = false) const
    {
        RestoreOptions o;
        o.confirmation = plan.confirmationName();
        o.force = force;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    }

    // Each test: a live store of 10 trades, its verified backup, then 7 newer trades and more.
    void init()
    {
        m_dir =
            m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QLatin1Char('-') +
                            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        QVERIFY(QDir().mkpath(m_dir));
        m_live = m_dir + QStringLiteral("/trading.db");
        m_safetyDir = m_dir + QStringLiteral("/safety");
        m_backup = RestoreFixture::createDivergedStore(m_live, m_dir + QStringLiteral("/backups"));
        QVERIFY(!m_backup.isEmpty());
    }

    void previewCountsAreExact()
    {
        const RestorePlan plan = planOk(request());
        QVERIFY(plan.verify.verified());
        const TableImpact *trades = RestoreFixture::tableOf(plan, QStringLiteral("trades"));
        QVERIFY(trades);
        QCOMPARE(trades->rowsNow, 17);
        QCOMPARE(trades->rowsBackup, 10);
        QCOMPARE(trades->timestampColumn, QStringLiteral("created_at"));
        QCOMPARE(trades->newestNow, QStringLiteral("2026-02-01T00:07:00Z"));
        QCOMPARE(trades->newestBackup, QStringLiteral("2026-01-01T00:10:00Z"));
        QCOMPARE(trades->rowsLostEstimate, 7);
        QVERIFY(trades->lostIsExact);
        QVERIFY2(trades->describe().contains(QLatin1String("7 trades rows newer than the backup will be lost")),
                 qPrintable(trades->describe()));
        const TableImpact *orders = RestoreFixture::tableOf(plan, QStringLiteral("orders"));
        QVERIFY(orders);
        QCOMPARE(orders->rowsNow, 2);
        QCOMPARE(orders->rowsBackup, 0);
        QCOMPARE(orders->rowsLostEstimate, 2);
        const TableImpact *scratch = RestoreFixture::tableOf(plan, QStringLiteral("scratch"));
        QVERIFY(scratch);
        QCOMPARE(scratch->rowsBackup, -1);
        QCOMPARE(scratch->rowsLostEstimate, 3);
        QCOMPARE(plan.impact.rowsLost(), 12);
        QCOMPARE(plan.impact.now.userVersion, 5);
        QCOMPARE(plan.impact.backup.userVersion, 4);
        QVERIFY(plan.impact.schemaDiffers());
    }

    // A writer using SQLite's datetime('now') shape beside the "…T…Z" rows: its row of 00:20 the same day is newer
    // than the backup's newest (00:10Z) although its text sorts lower. The preview counts it, and names it newest.
    void previewComparesInstantsAcrossTimeShapes()
    {
        QVERIFY(SqliteFixture::exec(m_live, QStringLiteral("DELETE FROM trades WHERE created_at > '2026-01-02'")));
        QVERIFY(SqliteFixture::exec(
            m_live,
            QStringLiteral(
                "INSERT INTO trades (symbol, price, created_at) VALUES ('BTCUSDT', 1, '2026-01-01 00:20:00')")));
        const RestorePlan plan = planOk(request());
        const TableImpact *trades = RestoreFixture::tableOf(plan, QStringLiteral("trades"));
        QVERIFY(trades);
        QCOMPARE(trades->newestNow, QStringLiteral("2026-01-01 00:20:00"));
        QCOMPARE(trades->rowsNewer, 1);
    }

    void previewJsonHasTheDocumentedKeys()
    {
        const QJsonObject json = planOk(request()).toJson();
        const QJsonArray tables =
            json.value(QLatin1String("impact")).toObject().value(QLatin1String("tables")).toArray();
        QVERIFY(!tables.isEmpty());
        for (const char *key : {"name", "rows_now", "rows_backup", "newest_now", "newest_backup", "rows_lost_estimate"})
            QVERIFY2(tables.first().toObject().contains(QLatin1String(key)), key);
        QVERIFY(json.value(QLatin1String("writers")).isArray());
    }

    void previewChangesNothing()
    {
        const QString before = sha(m_live);
        planOk(request());
        QCOMPARE(sha(m_live), before);
        QVERIFY(!QFileInfo::exists(m_safetyDir));
    }

    void restoreReplacesTheData()
    {
        const RestorePlan plan = planOk(request());
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.status, RestoreResult::Status::Restored);
        QVERIFY(r.verifiedAfter);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 10);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("orders")), 0);
        QCOMPARE(
            SqliteFixture::scalar(m_live, QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'"))
                .toInt(),
            0);
        QCOMPARE(SqliteFixture::scalar(m_live, QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(SqliteFixture::scalar(m_live, QStringLiteral("PRAGMA integrity_check")).toString(),
                 QStringLiteral("ok"));
        for (const TableRows &t : plan.verify.manifest.tables)
            QCOMPARE(SqliteFixture::rows(m_live, t.name), t.rows);
    }

    // A restore that goes through but fails its check names the way back: the safety backup, as a command.
    void failedCheckOffersTheSafetyBackupBack()
    {
        RestorePlan plan = planOk(request());
        plan.verify.manifest.tables[0].rows += 1; // the check after now disagrees with what was restored
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QCOMPARE(r.status, RestoreResult::Status::Restored);
        QVERIFY(!r.verifiedAfter);
        QVERIFY(r.undoable());
        const QString command = r.undoCommand(plan.target);
        QVERIFY2(command.startsWith(QStringLiteral("dbops restore ")), qPrintable(command));
        QVERIFY2(command.contains(r.safetyBackup.path), qPrintable(command));
        QVERIFY2(command.contains(QStringLiteral("--db ") + m_live), qPrintable(command));
        QVERIFY2(command.endsWith(QStringLiteral("--yes")), qPrintable(command));
        // What that command would put back: the state before the restore (17 trades, not the backup's 10).
        QCOMPARE(SqliteFixture::rows(r.safetyBackup.path, QStringLiteral("trades")),
                 RestoreFixture::kBackupTrades + RestoreFixture::kNewerTrades);
    }

    void verifiedRestoreOffersNoUndo()
    {
        const RestorePlan plan = planOk(request());
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY(r.ok());
        QVERIFY(!r.undoable());
        QVERIFY(r.undoCommand(plan.target).isEmpty());
    }

    void safetyBackupHoldsThePreviousState()
    {
        const RestorePlan plan = planOk(request());
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.hasSafetyBackup);
        QVERIFY(QFileInfo(r.safetyBackup.path).isFile());
        QCOMPARE(QFileInfo(r.safetyBackup.path).absolutePath(), QFileInfo(m_safetyDir).absoluteFilePath());
        QCOMPARE(SqliteFixture::rows(r.safetyBackup.path, QStringLiteral("trades")), 17);
        auto manifest = BackupManifest::read(r.safetyBackup.manifestPath);
        QVERIFY(manifest);
        QCOMPARE(manifest->kind, QStringLiteral("safety"));
        QCOMPARE(r.toJson().value(QLatin1String("safety_backup")).toObject().value(QLatin1String("path")).toString(),
                 r.safetyBackup.path);
    }

    void openConnectionSeesTheRestoredData()
    {
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(m_live).constData(), &before), 0);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bot"));
            db.setDatabaseName(m_live);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM trades")) && q.next());
            QCOMPARE(q.value(0).toInt(), 17);
            q.finish();
            const RestorePlan plan = planOk(request());
            // The bot's idle connection is in this process: not a writer. Its next read sees the backup.
            const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
            QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM trades")) && q.next());
            QCOMPARE(q.value(0).toInt(), 10);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bot"));
        struct stat after {};
        QCOMPARE(::stat(QFile::encodeName(m_live).constData(), &after), 0);
        QCOMPARE(after.st_ino, before.st_ino); // written in place, never renamed over
    }

    void heldWriteLockIsRefused()
    {
        const QString before = sha(m_live);
        const RestorePlan plan = planOk(request());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
        db.setDatabaseName(m_live);
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
        QCOMPARE(r.error.code, ErrorCode::Refused);
        QVERIFY2(r.error.message.contains(QLatin1String("write transaction")), qPrintable(r.error.message));
        QVERIFY(r.writers.writing());
        QVERIFY(!r.hasSafetyBackup);
        QCOMPARE(sha(m_live), before);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
    }

    void writerProcessIsNamedInThePlan()
    {
        QProcess holder;
        holder.start(QStringLiteral("bash"),
                     {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; echo ready; exec sleep 60"), m_live});
        QVERIFY(holder.waitForStarted() && holder.waitForReadyRead(5000));
        const qint64 pid = holder.processId();
        const RestorePlan plan = planOk(request());
        const RestoreResult refused = RestoreService::apply(plan, confirmed(plan), {});
        holder.kill();
        holder.waitForFinished();
        QVERIFY(plan.writers.writing());
        QCOMPARE(refused.status, RestoreResult::Status::Refused);
        QVERIFY2(refused.error.message.contains(QStringLiteral("pid %1").arg(pid)), qPrintable(refused.error.message));
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
    }

    void forceOverridesALiveWriter()
    {
        QProcess holder;
        holder.start(QStringLiteral("bash"),
                     {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; echo ready; exec sleep 60"), m_live});
        QVERIFY(holder.waitForStarted() && holder.waitForReadyRead(5000));
        const RestorePlan plan = planOk(request());
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan, true), {});
        holder.kill();
        holder.waitForFinished();
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.forced);
        QVERIFY(r.hasSafetyBackup);
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 10);
    }

    void corruptBackupIsRefusedBeforeTouchingTheStore_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("flipped byte") << QStringLiteral("flip");
        QTest::newRow("truncated") << QStringLiteral("truncate");
        QTest::newRow("manifest checksum") << QStringLiteral("manifest");
    }
    void corruptBackupIsRefusedBeforeTouchingTheStore()
    {
        QFETCH(QString, damage);
        if (damage == QLatin1String("manifest")) {
            auto m = BackupManifest::read(BackupManifest::pathFor(m_backup));
            QVERIFY(m);
            m->sha256 = QString(64, QLatin1Char('0'));
            QVERIFY(!m->write(BackupManifest::pathFor(m_backup)));
        } else {
            QFile f(m_backup);
            QVERIFY(f.open(QIODevice::ReadWrite));
            if (damage == QLatin1String("truncate")) {
                QVERIFY(f.resize(f.size() / 2));
            } else {
                f.seek(f.size() - 100);
                const char c = f.peek(1).at(0);
                f.write(QByteArray(1, char(c ^ 0x5a)));
            }
        }
        const QString before = sha(m_live);
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), request(), {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Refused);
        QVERIFY2(plan.error().message.contains(QLatin1String("failed verification")), qPrintable(plan.error().message));
        QCOMPARE(sha(m_live), before);
        QVERIFY(!QFileInfo::exists(m_safetyDir));
        auto recent = AuditLog().recent(5);
        QVERIFY(recent && !recent->isEmpty());
        QCOMPARE(recent->first().action, QStringLiteral("restore"));
        QCOMPARE(recent->first().outcome, QStringLiteral("refused"));
        QVERIFY(recent->first().parameters.contains(m_backup));
    }

    void backupOfAnotherDatabaseIsRefused()
    {
        const QString other = m_dir + QStringLiteral("/other.db");
        QVERIFY(SqliteFixture::createTradingStore(other, 3, true));
        auto plan = RestorePlanner::plan(Target::sqliteFile(other), request(), {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Refused);
        QVERIFY2(plan.error().message.contains(QLatin1String("another database")), qPrintable(plan.error().message));
        QCOMPARE(SqliteFixture::rows(other, QStringLiteral("trades")), 3);
        // The backup itself is sound: it is not marked failed for having been offered to the wrong store.
        auto manifest = BackupManifest::read(BackupManifest::pathFor(m_backup));
        QVERIFY(manifest);
        QVERIFY(manifest->verification.state != Verification::State::Failed);
    }

    void unconfirmedRestoreIsRefused()
    {
        const RestorePlan plan = planOk(request());
        RestoreOptions o;
        o.confirmation = QStringLiteral("wrong.db");
        const RestoreResult r = RestoreService::apply(plan, o, {});
        QCOMPARE(r.status, RestoreResult::Status::Refused);
        QVERIFY(r.error.hint.contains(plan.confirmationName()));
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
    }

    void backupChangedSincePreviewIsRefused()
    {
        const RestorePlan plan = planOk(request());
        QFile f(m_backup);
        QVERIFY(f.open(QIODevice::Append));
        f.write("x");
        f.close();
        const RestoreResult r = RestoreService::apply(plan, confirmed(plan), {});
        QCOMPARE(r.status, RestoreResult::Status::Refused);
        QVERIFY(r.error.message.contains(QLatin1String("changed since the preview")));
        QCOMPARE(SqliteFixture::rows(m_live, QStringLiteral("trades")), 17);
    }

    void cancelMidwayLeavesTheStoreUnchanged()
    {
        // Big enough for several backup steps (16 MiB each), so the cancel lands between two of them.
        const QString big = m_dir + QStringLiteral("/big.db");
        QVERIFY(SqliteFixture::createTradingStore(big, 10, false));
        QVERIFY(
            exec(big, {QStringLiteral("CREATE TABLE blobs (id INTEGER PRIMARY KEY, payload BLOB)"),
                       QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000) "
                                      "INSERT INTO blobs SELECT x, randomblob(1000) FROM c")}));
        BackupRequest b;
        b.outDir = m_dir + QStringLiteral("/bigbackups");
        auto backup = BackupService::backup(Target::sqliteFile(big), b, {});
        QVERIFY2(backup, qPrintable(backup.error().oneLine()));
        QVERIFY(exec(big, {QStringLiteral("DELETE FROM blobs WHERE id % 2 = 0"),
                           QStringLiteral("INSERT INTO trades (symbol) VALUES ('NEW')")}));
        const QString before = sha(big);

        RestoreRequest r;
        r.backupPath = backup->path;
        r.safetyDir = m_safetyDir;
        auto plan = RestorePlanner::plan(Target::sqliteFile(big), r, {});
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        OpControl control;
        int steps = 0;
        control.progress = [&](qint64 done, qint64 total, const QString &what) {
            if (what == QLatin1String("restoring pages") && done > 0 && done < total && ++steps == 1)
                control.token.cancel();
        };
        const RestoreResult result = RestoreService::apply(plan.value(), confirmed(plan.value()), control);
        QCOMPARE(steps, 1);
        QCOMPARE(result.status, RestoreResult::Status::Cancelled);
        QCOMPARE(result.error.code, ErrorCode::Cancelled);
        QVERIFY(result.hasSafetyBackup); // taken before the restore began
        QCOMPARE(sha(big), before);
        QCOMPARE(SqliteFixture::rows(big, QStringLiteral("blobs")), 30000);
        QCOMPARE(SqliteFixture::scalar(big, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        QVERIFY(!QFileInfo::exists(big + QStringLiteral("-journal")));
    }

    void restoreToANewFileLeavesTheLiveStoreAlone()
    {
        const QString before = sha(m_live);
        RestoreRequest r = request();
        r.toPath = m_dir + QStringLiteral("/copy/restored.db");
        QVERIFY(QDir().mkpath(m_dir + QStringLiteral("/copy")));
        const RestorePlan plan = planOk(r);
        QVERIFY(plan.intoNew());
        QCOMPARE(plan.confirmationName(), QStringLiteral("restored.db"));
        QVERIFY(!plan.writers.writing());
        const RestoreResult result = RestoreService::apply(plan, confirmed(plan), {});
        QVERIFY2(result.ok(), qPrintable(result.error.oneLine()));
        QVERIFY(!result.hasSafetyBackup);
        QCOMPARE(SqliteFixture::rows(r.toPath, QStringLiteral("trades")), 10);
        QCOMPARE(sha(m_live), before);
        QCOMPARE(filesIn(m_dir + QStringLiteral("/copy")), QStringList{QStringLiteral("restored.db")});
    }

    void restoreToAnExistingFileIsBadInput()
    {
        RestoreRequest r = request();
        r.toPath = m_live;
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), r, {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Usage);
    }

    void auditRecordsEveryOutcome()
    {
        const RestorePlan plan = planOk(request());
        RestoreOptions wrong;
        wrong.confirmation = QStringLiteral("nope");
        RestoreService::apply(plan, wrong, {});
        RestoreService::apply(plan, confirmed(plan), {});
        auto recent = AuditLog().recent(20);
        QVERIFY(recent);
        QStringList outcomes;
        for (const AuditRecord &a : recent.value())
            if (a.action == QLatin1String("restore") && a.parameters.contains(m_backup))
                outcomes << a.outcome;
        QCOMPARE(outcomes, (QStringList{QStringLiteral("ok"), QStringLiteral("refused")}));
    }
};

QTEST_GUILESS_MAIN(TestSqliteRestore)
#include "tst_sqliterestore.moc"
