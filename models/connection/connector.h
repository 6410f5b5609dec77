#pragma once
// Opens one QSqlDatabase connection, in the calling thread, set up the console's way:
// SQLite  — the file must exist and carry the SQLite header (nothing is ever created), read-only open with a
//           busy timeout for monitoring, validated by reading the schema;
// PostgreSQL — application_name, connect_timeout, statement_timeout, lock_timeout,
//           idle_in_transaction_session_timeout, and read-only transactions for monitoring.
// Failures come back as an Error naming the file or host:port/db and what to do.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace dbops {

class Connector {
public:
    // Adds and opens `connectionName`. On failure the connection is removed again.
    static Error open(const QString &connectionName, const Target &target, const SessionOptions &options);
    // Closes and removes the connection (safe to call for names that do not exist).
    static void close(const QString &connectionName);
    // A process-unique connection name: "dbops-<role>-<n>".
    static QString uniqueName(const QString &role);

    // Checks that `path` is an existing, non-empty SQLite file (header, truncation). No SQLite call made.
    static Error checkSqliteFile(const QString &path);
    // Turns a failed connect / query on `target` into an operator-facing Error.
    static Error classify(const QSqlError &error, const Target &target, const QString &what);
    // "host:port/db" for messages, with libpq defaults filled in from PG* where the target leaves them.
    static QString pgLabel(const Target &target);
};

// RAII: opens in the constructor, closes in the destructor (same thread).
class ScopedConnection {
public:
    ScopedConnection(const Target &target, const SessionOptions &options, const QString &role);
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    const Error &error() const { return m_error; }
    bool ok() const { return !m_error.isError(); }
    QSqlDatabase db() const;
    const QString &name() const { return m_name; }

private:
    QString m_name;
    Error m_error;
};

} // namespace dbops
