#pragma once
// What an operator may do about a PostgreSQL session: cancel its statement (pg_cancel_backend) first,
// terminate it (pg_terminate_backend) second — never the console's own sessions nor background workers,
// and every attempt (refused ones too) goes to the audit trail. EXPLAIN of a statement, without ANALYZE
// unless asked (and then inside a transaction that is rolled back).
#include "audit/auditlog.h"
#include "connection/target.h"
#include "core/expected.h"

#include <QSqlDatabase>
#include <QStringList>

namespace dbops {

class SessionActions {
public:
    enum class Kind { Cancel, Terminate };

    // `db` is the caller's session (an action session: SessionOptions::action()). Returns a Refused error for
    // the console's own or a background session, NotFound when the pid is gone, QueryFailed when the server
    // said no (e.g. lacking pg_signal_backend).
    static Error signal(QSqlDatabase db, const Target &target, int pid, Kind kind, const AuditLog &audit);
    // Plan lines. A normalized statement from pg_stat_statements ($1, $2 …) is explained as a generic plan. A text
    // of more than one statement is refused (Usage, PgStatementText): the server would run all of them.
    static Expected<QStringList> explain(QSqlDatabase db, const Target &target, const QString &query,
                                         bool analyze = false);
    static QString kindName(Kind kind); // "cancel" | "terminate"
};

} // namespace dbops
