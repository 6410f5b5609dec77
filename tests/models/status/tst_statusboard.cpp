// The status board's verdict per concern on real SQLite stores: a stale writer lock, backups (none, unverified,
// fresh and verified, too old), migrations pending or not, continuous protection not set up, disk space under
// the threshold; the board's worst state and exit code; a target that cannot be opened.
#include "demo/demofiles.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "schema/migrationsfolders.h"
#include "sqlitefixture.h"
#include "status/statusevaluator.h"
#include "statusexpect.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

Q_DECLARE_METATYPE(dbops::CheckState)

namespace {

// Alembic revisions 010 .. 015 in `folder`, each pointing at the one before.
bool writeAlembicFolder(const QString &folder)
{
    if (!QDir().mkpath(folder))
        return false;
    for (int i = 10; i <= 15; ++i) {
        QFile f(QStringLiteral("%1/0%2_step.py").arg(folder).arg(i));
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QStringLiteral("revision = '0%1'\ndown_revision = %2\n")
                    .arg(i)
                    .arg(i == 10 ? QStringLiteral("None") : QStringLiteral("'0%1'").arg(i - 1))
                    .toUtf8());
    }
    return true;
}

bool createAlembicStore(const QString &path, const QString &version)
{
    return SqliteFixture::create(path,
                                 {"CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                                  QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(version),
                                  "CREATE TABLE trades (id INTEGER PRIMARY KEY, ts TEXT)"},
                                 true);
}

} // namespace

class TestStatusBoard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    int m_case = 0;

    // A fresh folder per case, so lock files and backups of one case never reach another.
    QString caseDir()
    {
        const QString dir = m_home.filePath(QStringLiteral("case%1").arg(++m_case));
        QDir().mkpath(dir);
        return dir;
    }

    // Prepares the store of `setup` in `dir`; returns the request to evaluate (backups in dir/backups).
    StatusRequest prepare(const QString &setup, const QString &dir)
    {
        const QString store = dir + QStringLiteral("/trading.db");
        StatusRequest request;
        request.target = Target::sqliteFile(store);
        request.backupDir = dir + QStringLiteral("/backups");
        QDir().mkpath(request.backupDir);
        if (setup == QLatin1String("pending") || setup == QLatin1String("applied")) {
            const bool pending = setup == QLatin1String("pending");
            if (!createAlembicStore(store, pending ? QStringLiteral("012") : QStringLiteral("015")) ||
                !writeAlembicFolder(dir + QStringLiteral("/alembic")) ||
                MigrationsFolders().remember(request.target, dir + QStringLiteral("/alembic")))
                return {};
            return request;
        }
        if (!SqliteFixture::createTradingStore(store, 50))
            return {};
        if (setup == QLatin1String("staleLock")) {
            Error error;
            if (DemoFiles::writeStaleLock(dir + QStringLiteral("/.writer.lock"), 40000, &error) <= 0)
                return {};
        }
        if (setup.startsWith(QLatin1String("verified")) || setup == QLatin1String("unverified")) {
            auto backup = BackupService::backup(request.target, BackupRequest{request.backupDir}, {});
            if (!backup)
                return {};
            if (setup.startsWith(QLatin1String("verified")) &&
                !BackupVerifier::verify(backup->path, {}, {})->verified())
                return {};
        }
        if (setup == QLatin1String("verifiedOld"))
            request.now = request.now.addDays(2); // the same backup, judged two days later
        if (setup == QLatin1String("diskWarn"))
            request.thresholds.diskWarnPct = 100.5; // no file system is that free: the rule must say so
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"})
            qputenv(var, m_home.filePath(QLatin1String(var)).toUtf8());
    }

    void judgesEachConcern_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("check");
        QTest::addColumn<CheckState>("state");
        QTest::addColumn<QString>("reason");
        QTest::newRow("stale writer lock, nobody has the store open")
            << "staleLock"
            << "writer" << CheckState::Critical << "stale lock file: .writer.lock names pid";
        QTest::newRow("no lock file, nobody writing") << "plain"
                                                      << "writer" << CheckState::Ok << "no stale lock file";
        QTest::newRow("no backups") << "plain"
                                    << "backup" << CheckState::Critical << "no backup of this store in";
        QTest::newRow("an unverified backup only")
            << "unverified"
            << "backup" << CheckState::Critical << "no verified backup; the newest";
        QTest::newRow("a fresh verified backup") << "verified"
                                                 << "backup" << CheckState::Ok << "newest verified backup";
        QTest::newRow("a verified backup two days old") << "verifiedOld"
                                                        << "backup" << CheckState::Warning << "newest verified backup";
        QTest::newRow("pending migrations") << "pending"
                                            << "migrations" << CheckState::Warning << "3 pending";
        QTest::newRow("migrations up to date") << "applied"
                                               << "migrations" << CheckState::Ok << "alembic v015";
        QTest::newRow("continuous protection not set up")
            << "plain"
            << "protection" << CheckState::Neutral << "continuous protection not configured";
        QTest::newRow("store disk under the warning share")
            << "diskWarn"
            << "store_disk" << CheckState::Warning << "free for the store";
        QTest::newRow("WAL store, checkpoints keep up") << "plain"
                                                        << "wal" << CheckState::Ok << "trading.db: WAL";
    }

    void judgesEachConcern()
    {
        QFETCH(QString, setup);
        QFETCH(QString, check);
        QFETCH(CheckState, state);
        QFETCH(QString, reason);
        const StatusRequest request = prepare(setup, caseDir());
        QVERIFY2(request.target.isValid(), qPrintable(setup));
        const QString problem = test::StatusExpect::problem(StatusEvaluator::evaluate(request), check, state, reason);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void everyConcernHasARow()
    {
        const StatusBoard board = StatusEvaluator::evaluate(prepare(QStringLiteral("plain"), caseDir()));
        QStringList names;
        for (const StatusCheck &c : board.checks)
            names << c.name;
        QCOMPARE(names, QStringList({"connections", "queries", "writer", "wal", "health", "migrations", "backup",
                                     "restore_drill", "protection", "store_disk", "backup_disk"}));
    }

    void worstStateAndExitCodeFollowTheWorstCheck()
    {
        const StatusBoard board = StatusEvaluator::evaluate(prepare(QStringLiteral("staleLock"), caseDir()));
        QCOMPARE(board.worst(), CheckState::Critical);
        QCOMPARE(board.exitCode(), 2);
        QVERIFY(board.problems().join(QLatin1Char('\n')).contains(QStringLiteral("writer: stale lock file")));
    }

    void aTargetThatCannotBeOpenedIsAnErrorWithoutChecks()
    {
        StatusRequest request;
        request.target = Target::sqliteFile(m_home.filePath(QStringLiteral("nowhere/trading.db")));
        const StatusBoard board = StatusEvaluator::evaluate(request);
        QVERIFY(board.error);
        QVERIFY(board.checks.isEmpty());
        QCOMPARE(board.exitCode(), 3);
        QCOMPARE(board.toJson().value(QStringLiteral("worst")).toString(), QStringLiteral("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestStatusBoard)
#include "tst_statusboard.moc"
