#pragma once
// A real Litestream replica of a real SQLite store, for tests: `litestream replicate` runs while a bot-like writer
// commits twice a second, until the replica's restorable window is a few seconds wide, then Litestream stops.
#include <QString>

namespace dbops::test {

class ReplicaFixture {
public:
    // Replicates `db` (WAL mode, with a `trades` table) under `replicaRoot`, its configuration written beside it.
    // Returns an error message, empty on success.
    static QString make(const QString &litestream, const QString &db, const QString &replicaRoot,
                        int windowSeconds = 4);
};

} // namespace dbops::test
