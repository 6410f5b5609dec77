#pragma once
// The dry run of a set of retention policies on one store: per table the rows that would be deleted, their
// oldest/newest time and the space they hold; who else is using the store; and the instant the cut-offs count
// back from (a resumed apply keeps it). RetentionPlanner::plan reads only (a monitoring session).
#include "cleanup/retentiontable.h"
#include "connection/target.h"
#include "probe/writeractivity.h"
#include "worker/opcontrol.h"

namespace dbops {

struct RetentionRequest {
    QList<RetentionPolicy> policies;
    QStringList unlocked; // protected tables the operator unlocked for this run only
    QDateTime now;        // invalid: the current time
    // The space the expired rows hold (SQLite: dbstat reads every page of the table). A preview wants it; an
    // apply leaves it out and measures the space it really freed instead.
    bool estimateSpace = true;
};

struct RetentionPlan {
    Target target;
    QDateTime now;
    QList<RetentionPolicy> policies;
    QList<RetentionMeasure> tables; // in the order of the policies
    WriterReport writers;
    QStringList unlocked;
    QStringList notes; // e.g. "SQLite keeps freed pages for reuse: VACUUM shrinks the file"

    qint64 totalRows() const;
    qint64 bytesEstimate() const; // -1 when no table's size is known
    // tables (each table, column, keep, cutoff, rows, oldest, newest, bytes_estimate…), total_rows, now, writers
    QJsonObject toJson() const;
};

class RetentionPlanner {
public:
    static Expected<RetentionPlan> plan(const Target &target, const RetentionRequest &request,
                                        const OpControl &control = {});
    // Refused (naming the table and how to unlock it) when a policy touches a protected table not unlocked.
    static Error checkProtected(const QList<RetentionPolicy> &policies, const QStringList &unlocked);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionPlan)
