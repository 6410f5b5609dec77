#pragma once
// Audit trails as an intruder or an older dbops leaves them: SQL run on state.db directly (no dbops code in
// between), and a trail in the table layout from before the hash chain.
#include <QString>
#include <QStringList>

namespace dbops::test {

struct AuditFixture {
    // Runs each statement on the SQLite file `path` through a connection of its own; false on any failure.
    static bool exec(const QString &path, const QStringList &statements);
    // A state.db whose audit table has no chain columns, holding `records` actions (ids 1..records).
    static bool writeUnchainedTrail(const QString &path, int records);
};

} // namespace dbops::test
