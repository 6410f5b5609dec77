#pragma once
// Litestream (https://litestream.io), the engine of continuous protection: dbops writes its configuration,
// runs `litestream replicate` (dbops protect) and reads a replica's restorable window through Litestream's own
// `generations` command. dbops needs Litestream v0.3.13 (the npm package @flydotio/litestream-linux-x64 1.0.1,
// which installer/dbops-setup.sh installs); the binary is found as find() says.
//
// A store's replica lives in REPLICA_DIR/<the store's absolute path>/ (REPLICA_DIR/srv/bot/data/trading.db/), so
// protecting a data directory or one of its stores gives the same replica, and any store's is found again.
#include "connection/target.h"
#include "core/expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QProcess;

namespace dbops {

struct ReplicaGeneration {
    QString id;
    QDateTime start; // UTC
    QDateTime end;
};

// What a replica can give back: any moment from restorableFrom to restorableTo (per generation; a new generation
// starts when Litestream loses track of the WAL, e.g. after a restart with a checkpoint in between).
struct ReplicaWindow {
    QString replicaPath;
    QDateTime restorableFrom; // UTC; invalid: nothing replicated yet
    QDateTime restorableTo;
    double lagS = -1; // the live store's last write (its file or -wal changed) minus restorableTo, at least 0
    QList<ReplicaGeneration> generations;

    bool empty() const { return generations.isEmpty(); }
    // engine ("litestream"), path, restorable_from, restorable_to (ISO-8601 UTC, null when empty), lag_s,
    // generations [{id, start, end}]
    QJsonObject toJson() const;
};

struct ProtectedStore {
    QString storePath;   // absolute
    QString replicaPath; // where its file replica goes
};

struct ProtectPlan {
    QString replicaRoot;
    QList<ProtectedStore> stores;
    QStringList skipped; // data directory stores left out, each with why ("x.db: rollback journal, not WAL")
};

class Litestream {
public:
    static constexpr const char *kVersion = "v0.3.13";
    // DBOPS_LITESTREAM when set (it must then be there), then `litestream` beside `besideDir` (default: the
    // running program's folder), then PATH, then the setup script's prefix (/opt/dbops/litestream/bin).
    static Expected<QString> find(const QString &besideDir = {});
    // REPLICA_ROOT/<absolute store path>
    static QString replicaPathFor(const QString &replicaRoot, const QString &storePath);
    // The stores `target` names (a SQLite file, or every SQLite store of a data directory) and their replicas.
    // Litestream needs WAL mode: a single store that is not in it is refused, a data directory's is skipped.
    static Expected<ProtectPlan> plan(const Target &target, const QString &replicaRoot);
    // Litestream makes the replica folders itself, but one it cannot make (a file in the way, a folder this user
    // may not write) only fills its log while no replica ever appears: a Usage error, before it starts. Only for
    // writing: reading a replica needs none of this.
    static Error checkReplicaRoot(const QString &replicaRoot);
    // The configuration `litestream replicate -config` reads: a file replica per store, short sync interval.
    static QByteArray config(const ProtectPlan &plan);
    // `litestream replicate` with that configuration (environment variables in it are not expanded: paths only).
    static QStringList replicateArguments(const QString &configPath);
    // Where the replica of `storePath` is: `replicaRoot` itself when it is one, else replicaPathFor().
    static QString replicaPathIn(const QString &replicaRoot, const QString &storePath);
    // The replica of `storePath` under `replicaRoot` (or `replicaRoot` itself when it is one), read with
    // `litestream generations`. NotFound when there is no replica there.
    static Expected<ReplicaWindow> window(const QString &binary, const QString &replicaRoot, const QString &storePath);
    // Starts `binary args` in `proc` tied to this process: when dbops dies in any way (kill -9 included), the
    // kernel sends Litestream SIGTERM, so it ships what it has and exits instead of living on as an orphan that
    // holds the store's read transaction and races the next `dbops protect` over the same replica.
    static void startTied(QProcess &proc, const QString &binary, const QStringList &args);
    // The newest change of a store: its file's or its -wal's modification time, whichever is later (stat only).
    static QDateTime lastWrite(const QString &storePath);
};

} // namespace dbops
