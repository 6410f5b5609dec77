#include "activity/activitystate.h"

#include "state/statedb.h"

#include <QSqlError>
#include <QStringList>

namespace dbops {

namespace {

const QStringList kSchema{
    QStringLiteral("CREATE TABLE IF NOT EXISTS activity_samples ("
                   " target TEXT NOT NULL, at_ms INTEGER NOT NULL, active INTEGER NOT NULL, waiting INTEGER NOT NULL,"
                   " idle INTEGER NOT NULL, idle_in_transaction INTEGER NOT NULL, aborted INTEGER NOT NULL,"
                   " other INTEGER NOT NULL, console INTEGER NOT NULL, available INTEGER NOT NULL,"
                   " pool_max INTEGER NOT NULL, interval_ms INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS activity_samples_target_at ON activity_samples (target, at_ms)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS activity_baselines ("
                   " target TEXT NOT NULL, taken_at TEXT NOT NULL, queryid INTEGER NOT NULL, query TEXT NOT NULL,"
                   " calls INTEGER NOT NULL, total_ms REAL NOT NULL, rows INTEGER NOT NULL,"
                   " blks_hit INTEGER NOT NULL, blks_read INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS activity_baselines_target ON activity_baselines (target)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS activity_sqlite_samples ("
                   " target TEXT NOT NULL, at_ms INTEGER NOT NULL, wal_bytes INTEGER NOT NULL,"
                   " write_locks_held INTEGER NOT NULL, lock_probe_ms REAL NOT NULL, holders INTEGER NOT NULL,"
                   " checkpoints_busy INTEGER NOT NULL, interval_ms INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS activity_sqlite_samples_target_at"
                   " ON activity_sqlite_samples (target, at_ms)"),
    QStringLiteral("CREATE TABLE IF NOT EXISTS activity_probes ("
                   " target TEXT NOT NULL, sql TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (target, sql))"),
};

} // namespace

Error ActivityState::stateError(const QString &file, const QString &what, const QString &detail)
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 in the console's state file %2").arg(what, file),
                       QStringLiteral("check that the XDG state directory is writable"), detail);
}

Error ActivityState::with(const QString &fileArg, const std::function<Error(QSqlDatabase &)> &work)
{
    const QString file = StateDb::pathOf(fileArg);
    const auto fail = [&file](StateDb::Step step, const QSqlError &e) {
        return stateError(
            file, step == StateDb::Step::Open ? QStringLiteral("open") : QStringLiteral("create the activity tables"),
            e.text());
    };
    return StateDb::with(file, QStringLiteral("activity-state"), kSchema, fail, work);
}

} // namespace dbops
