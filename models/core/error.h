#pragma once
// An error is a value: what went wrong (naming the file or host), what to do about it, and the engine's code.
// Secrets are redacted when it is built, so an Error can be logged, shown or printed as it is.
#include <QMetaType>
#include <QString>

namespace dbops {

enum class ErrorCode {
    None,
    Usage,           // the operator's words are off (bad URI, unknown profile, bad option)
    NotFound,        // no such file / directory
    NotSqlite,       // a file that is not an SQLite database (0-byte, other format, truncated)
    Corrupt,         // SQLite says malformed / integrity check failed
    ConnectFailed,   // could not connect, no more specific reason known
    HostUnreachable, // refused, no route, DNS failure
    AuthFailed,      // wrong password / no password available
    UnknownDatabase, // server reachable, database does not exist
    TlsRefused,      // sslmode asked for TLS the server does not offer (or the reverse)
    Timeout,         // connect / statement / lock timeout
    Busy,            // locked by another writer
    Cancelled,       // the operator cancelled
    QueryFailed,     // a statement failed
    Io,              // disk: cannot write, fsync, rename
    Unsupported,     // e.g. DuckDB files, missing tool
    Refused,         // a safety rule refused the action (bot writing, protected table)
    HotJournal,      // an SQLite rollback journal left by a writer that stopped mid-transaction
    Internal,
};

struct Error {
    ErrorCode code = ErrorCode::None;
    QString message; // one sentence: what went wrong, naming the file / host
    QString hint;    // what to do
    QString sqlState;
    QString detail; // engine text, redacted

    bool isError() const { return code != ErrorCode::None; }
    explicit operator bool() const { return isError(); }

    // "message: hint" on one line, for the CLI's stderr, the status bar and the log.
    QString oneLine() const;
    // Stable lower-case name of the code, for JSON ("not_found", "auth_failed", ...).
    QString codeName() const;
    // True for errors that mean "could not reach the store" (so a monitor should reconnect).
    bool isConnectionLoss() const;

    static Error make(ErrorCode code, const QString &message, const QString &hint = {}, const QString &detail = {});
};

// Nagios plugin convention: 3 unusable input / cannot connect, 2 action failed.
int exitCodeFor(const Error &error);

} // namespace dbops

Q_DECLARE_METATYPE(dbops::Error)
