#pragma once
// `dbops pool` and the Activity panel's pool view: PostgreSQL pool usage or the SQLite lock/WAL/process view,
// whichever the target is. A data directory gives one SQLite view per store.
#include "activity/pgpool.h"
#include "activity/sqlitepool.h"
#include "connection/sessionoptions.h"

#include <QMetaType>
#include <optional>

namespace dbops {

struct PoolSnapshot {
    QString engine; // "postgresql" | "sqlite"
    QString location;
    QDateTime at; // UTC, when it was taken
    std::optional<PgPool> pg;
    QList<SqlitePool> sqlite;

    Severity worst() const;
    QJsonObject toJson() const;
};

class PoolProbe {
public:
    // On the caller's open PostgreSQL connection (a monitor worker's).
    static Expected<PoolSnapshot> runPostgres(QSqlDatabase db, const Target &target, const PoolOptions &options);
    // SQLite file or data directory: opens its own throwaway handles.
    static Expected<PoolSnapshot> runSqlite(const Target &target, const PoolOptions &options);
    // Opens what the target needs in the calling thread.
    static Expected<PoolSnapshot> collect(const Target &target, const SessionOptions &session,
                                          const PoolOptions &options);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::PoolSnapshot)
