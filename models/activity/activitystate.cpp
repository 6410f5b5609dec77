#include "activity/activitystate.h"

#include "connection/connector.h"
#include "core/paths.h"

#include <QSqlError>
#include <QSqlQuery>
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
    const QString file = fileArg.isEmpty() ? Paths::stateDatabase() : fileArg;
    const QString name = Connector::uniqueName(QStringLiteral("activity-state"));
    Error result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            result = stateError(file, QStringLiteral("open"), db.lastError().text());
        } else {
            QSqlQuery q(db);
            for (const QString &sql : kSchema)
                if (!q.exec(sql)) {
                    result = stateError(file, QStringLiteral("create the activity tables"), q.lastError().text());
                    break;
                }
            if (!result)
                result = work(db);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace dbops
