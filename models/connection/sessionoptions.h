#pragma once
#include <QString>

namespace dbops {

enum class AccessMode {
    ReadOnly, // monitoring: SQLite opened read-only + query_only, PostgreSQL default_transaction_read_only
    ReadWrite // an action the operator started (restore, cleanup, maintenance)
};

// How the console's own sessions behave, so that the console never becomes the incident.
struct SessionOptions {
    AccessMode mode = AccessMode::ReadOnly;
    QString applicationName = QStringLiteral("dbops");
    int connectTimeoutS = 5;
    int statementTimeoutMs = 30000;
    int lockTimeoutMs = 2000;
    int idleInTransactionTimeoutMs = 60000;
    int sqliteBusyTimeoutMs = 2000;
    // A password the operator typed for this run (GUI prompt). In memory only.
    QString password;

    static SessionOptions monitor() { return {}; }
    static SessionOptions action()
    {
        SessionOptions o;
        o.mode = AccessMode::ReadWrite;
        o.applicationName = QStringLiteral("dbops-ops");
        return o;
    }
};

} // namespace dbops
