// SQLite maintenance on real files: checkpoint figures, VACUUM refused while a writer holds the store and
// shrinking the file after rows were deleted, incremental_vacuum only with auto_vacuum=INCREMENTAL, optimize,
// the preview changing nothing, and the audit trail.
#include "maintenance/maintenance.h"
#include "maintenance/sqlitemaintenance.h"
#include "sqlitefixture.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

// A connection of the test's own (as the bot's would be), kept open until it goes out of scope.
class Holder {
public:
    explicit Holder(const QString &path) : m_name(QStringLiteral("holder-%1").arg(++s_n))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Holder()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql) { return QSqlQuery(QSqlDatabase::database(m_name, false)).exec(sql); }

private:
    static inline int s_n = 0;
    QString m_name;
};

const QString kFill =
    QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                   "INSERT INTO trades (symbol, price, created_at) SELECT 'ETHUSDT', i, printf('%2', i) FROM n");

MaintenanceRequest request(MaintenanceOp op)
{
    MaintenanceRequest r;
    r.op = op;
    return r;
}

} // namespace

class TestSqliteMaintenance : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    AuditLog audit() const { return AuditLog(m_dir.filePath(QStringLiteral("audit.db"))); }

private Q_SLOTS:
    void init()
    {
        m_db = m_dir.filePath(
            QStringLiteral("%1-%2.db")
                .arg(QString::fromLatin1(QTest::currentTestFunction()), QString::fromLatin1(QTest::currentDataTag())));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 10, true));
    }

    void checkpointReportsBusyLogAndCheckpointedFrames()
    {
        Holder reader(m_db); // keeps the WAL from being folded in when the writer closes
        QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM trades")));
        QVERIFY(SqliteFixture::exec(m_db, kFill.arg(300).arg(QStringLiteral("2026-02-01 %08d"))));
        QVERIFY(QFileInfo(m_db + QStringLiteral("-wal")).size() > 0);

        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(m_db), request(MaintenanceOp::Checkpoint), {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.checkpoint.ran);
        QCOMPARE(r.checkpoint.busy, 0);
        QVERIFY(r.checkpoint.logFrames > 0);
        QCOMPARE(r.checkpoint.checkpointedFrames, r.checkpoint.logFrames);
        QVERIFY(r.toJson().value(QStringLiteral("checkpoint")).toObject().contains(QStringLiteral("log_frames")));
    }

    void checkpointStopsAtAReadersSnapshot()
    {
        Holder reader(m_db);
        QVERIFY(reader.exec(QStringLiteral("BEGIN")));
        QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM trades"))); // snapshot taken before the writes
        QVERIFY(SqliteFixture::exec(m_db, kFill.arg(300).arg(QStringLiteral("2026-02-01 %08d"))));

        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(m_db), request(MaintenanceOp::Checkpoint), {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(r.checkpoint.logFrames > 0);
        QVERIFY(r.checkpoint.checkpointedFrames < r.checkpoint.logFrames);
    }

    void truncateCheckpointEmptiesTheWal()
    {
        Holder reader(m_db);
        QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM trades")));
        QVERIFY(SqliteFixture::exec(m_db, kFill.arg(300).arg(QStringLiteral("2026-02-01 %08d"))));
        MaintenanceRequest req = request(MaintenanceOp::Checkpoint);
        req.truncate = true;
        const MaintenanceResult r = Maintenance::run(Target::sqliteFile(m_db), req, {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.checkpoint.busy, 0);
        QVERIFY(r.before.walBytes > 0);
        QCOMPARE(r.after.walBytes, 0);
        QCOMPARE(QFileInfo(m_db + QStringLiteral("-wal")).size(), 0);
    }

    void vacuumIsRefusedWhileAWriterHoldsTheStore()
    {
        const qint64 size = QFileInfo(m_db).size();
        Holder bot(m_db);
        QVERIFY(bot.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(bot.exec(QStringLiteral("INSERT INTO trades (symbol) VALUES ('X')")));

        auto plan = Maintenance::preview(Target::sqliteFile(m_db), request(MaintenanceOp::Vacuum));
        QVERIFY(plan);
        QVERIFY(plan->refused());
        QVERIFY(plan->writers.writing());

        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(m_db), request(MaintenanceOp::Vacuum), {}, audit());
        QCOMPARE(r.status, MaintenanceResult::Status::Refused);
        QCOMPARE(r.error.code, ErrorCode::Refused);
        QVERIFY2(r.error.message.contains(QStringLiteral("in use")), qPrintable(r.error.message));
        QCOMPARE(QFileInfo(m_db).size(), size);
        auto records = audit().recent(1);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().action, QStringLiteral("maintenance"));
        QCOMPARE(records->first().outcome, QStringLiteral("refused"));
    }

    void vacuumShrinksTheFileAfterRowsWereDeleted()
    {
        QVERIFY(SqliteFixture::exec(m_db, kFill.arg(20000).arg(QStringLiteral("padding padding padding %08d"))));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("DELETE FROM trades WHERE id > 100")));
        const Target target = Target::sqliteFile(m_db);
        auto plan = Maintenance::preview(target, request(MaintenanceOp::Vacuum));
        QVERIFY(plan);
        QVERIFY2(!plan->refused(), qPrintable(plan->refusal.oneLine()));
        QVERIFY(plan->sizes.freelistPages > 0);
        QVERIFY(plan->spaceNeeded > 0);
        QVERIFY(plan->spaceAvailable >= plan->spaceNeeded);

        const MaintenanceResult r = Maintenance::run(target, request(MaintenanceOp::Vacuum), {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.after.freelistPages, 0);
        QVERIFY2(r.after.databaseBytes < r.before.databaseBytes / 4,
                 qPrintable(QStringLiteral("%1 -> %2").arg(r.before.databaseBytes).arg(r.after.databaseBytes)));
        QVERIFY(r.bytesFreed() > 0);
        QCOMPARE(SqliteFixture::scalar(m_db, QStringLiteral("SELECT count(*) FROM trades")).toInt(), 100);
        auto records = audit().recent(1);
        QVERIFY(records && !records->isEmpty());
        QCOMPARE(records->first().outcome, QStringLiteral("ok"));
        QVERIFY(records->first().parameters.contains(QStringLiteral("op=vacuum")));
    }

    void previewChangesNothing()
    {
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("DELETE FROM trades")));
        const QDateTime modified = QFileInfo(m_db).lastModified();
        const qint64 size = QFileInfo(m_db).size();
        auto plan = Maintenance::preview(Target::sqliteFile(m_db), request(MaintenanceOp::Vacuum));
        QVERIFY(plan);
        QCOMPARE(plan->statements.first(), QStringLiteral("VACUUM"));
        QCOMPARE(QFileInfo(m_db).size(), size);
        QCOMPARE(QFileInfo(m_db).lastModified(), modified);
    }

    void incrementalVacuumSaysWhyNotWithoutIncrementalAutoVacuum()
    {
        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(m_db), request(MaintenanceOp::IncrementalVacuum), {}, audit());
        QCOMPARE(r.status, MaintenanceResult::Status::Refused);
        QVERIFY2(r.error.message.contains(QStringLiteral("auto_vacuum is none")), qPrintable(r.error.message));
        QVERIFY(!r.error.hint.isEmpty());
    }

    void incrementalVacuumGivesFreePagesBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("incremental.db"));
        QVERIFY(SqliteFixture::create(path,
                                      {QStringLiteral("PRAGMA auto_vacuum=INCREMENTAL"),
                                       QStringLiteral("CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, "
                                                      "price REAL, created_at TEXT)")},
                                      false));
        QVERIFY(SqliteFixture::exec(path, kFill.arg(5000).arg(QStringLiteral("padding padding %08d"))));
        QVERIFY(SqliteFixture::exec(path, QStringLiteral("DELETE FROM trades")));
        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(path), request(MaintenanceOp::IncrementalVacuum), {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.before.autoVacuum, QStringLiteral("incremental"));
        QVERIFY(r.before.freelistPages > 0);
        QCOMPARE(r.after.freelistPages, 0);
        QVERIFY(r.after.databaseBytes < r.before.databaseBytes);
    }

    void optimizeRuns()
    {
        const MaintenanceResult r =
            Maintenance::run(Target::sqliteFile(m_db), request(MaintenanceOp::Optimize), {}, audit());
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(r.plan.statements, QStringList{QStringLiteral("PRAGMA optimize(0x10002)")});
    }

    void reindexIsAPostgresOperation()
    {
        auto plan = Maintenance::preview(Target::sqliteFile(m_db), request(MaintenanceOp::Reindex));
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Unsupported);
    }

    void opNamesRoundTrip_data()
    {
        QTest::addColumn<QString>("name");
        for (MaintenanceOp op : {MaintenanceOp::Vacuum, MaintenanceOp::Analyze, MaintenanceOp::Reindex,
                                 MaintenanceOp::Optimize, MaintenanceOp::Checkpoint, MaintenanceOp::IncrementalVacuum})
            QTest::newRow(qPrintable(Maintenance::opName(op))) << Maintenance::opName(op);
    }
    void opNamesRoundTrip()
    {
        QFETCH(QString, name);
        MaintenanceOp op{};
        QVERIFY(Maintenance::parseOp(name, &op));
        QCOMPARE(Maintenance::opName(op), name);
    }
};

QTEST_GUILESS_MAIN(TestSqliteMaintenance)
#include "tst_sqlitemaintenance.moc"
