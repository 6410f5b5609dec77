#include "core/error.h"

#include "core/redact.h"

namespace dbops {

QString Error::oneLine() const
{
    QString line = message;
    if (!hint.isEmpty())
        line += QStringLiteral(" — ") + hint;
    return line;
}

QString Error::codeName() const
{
    switch (code) {
    case ErrorCode::None: return QStringLiteral("none");
    case ErrorCode::Usage: return QStringLiteral("usage");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::NotSqlite: return QStringLiteral("not_sqlite");
    case ErrorCode::Corrupt: return QStringLiteral("corrupt");
    case ErrorCode::ConnectFailed: return QStringLiteral("connect_failed");
    case ErrorCode::HostUnreachable: return QStringLiteral("host_unreachable");
    case ErrorCode::AuthFailed: return QStringLiteral("auth_failed");
    case ErrorCode::UnknownDatabase: return QStringLiteral("unknown_database");
    case ErrorCode::TlsRefused: return QStringLiteral("tls_refused");
    case ErrorCode::Timeout: return QStringLiteral("timeout");
    case ErrorCode::Busy: return QStringLiteral("busy");
    case ErrorCode::Cancelled: return QStringLiteral("cancelled");
    case ErrorCode::QueryFailed: return QStringLiteral("query_failed");
    case ErrorCode::Io: return QStringLiteral("io");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::Refused: return QStringLiteral("refused");
    case ErrorCode::HotJournal: return QStringLiteral("hot_journal");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

bool Error::isConnectionLoss() const
{
    switch (code) {
    case ErrorCode::ConnectFailed:
    case ErrorCode::HostUnreachable:
    case ErrorCode::Timeout: return true;
    default: return false;
    }
}

Error Error::make(ErrorCode code, const QString &message, const QString &hint, const QString &detail)
{
    Error e;
    e.code = code;
    e.message = Redact::text(message);
    e.hint = Redact::text(hint);
    e.detail = Redact::text(detail);
    return e;
}

int exitCodeFor(const Error &error)
{
    switch (error.code) {
    case ErrorCode::None: return 0;
    case ErrorCode::Usage:
    case ErrorCode::NotFound:
    case ErrorCode::NotSqlite:
    case ErrorCode::ConnectFailed:
    case ErrorCode::HostUnreachable:
    case ErrorCode::AuthFailed:
    case ErrorCode::UnknownDatabase:
    case ErrorCode::TlsRefused:
    case ErrorCode::HotJournal:
    case ErrorCode::Unsupported: return 3;
    default: return 2;
    }
}

} // namespace dbops
