#pragma once
// Audit trails as an intruder or an older dbops leaves them: SQL run on state.db directly (no dbops code in
// between), and a trail in the table layout from before the hash chain; and the record a failed scheduled run
// leaves (through AuditLog, in the default state.db).
#include <QString>
#include <QStringList>

namespace dbops::test {

struct AuditFixture {
    // Runs each statement on the SQLite file `path` through a connection of its own; false on any failure.
    static bool exec(const QString &path, const QStringList &statements);
    // A state.db whose audit table has no chain columns, holding `records` actions (ids 1..records).
    static bool writeUnchainedTrail(const QString &path, int records);
    // What the scheduled run `schedule` of `target` writes when its backup job fails; false when it was not written.
    static bool failedScheduledRun(const QString &target, const QString &schedule);
};

} // namespace dbops::test
