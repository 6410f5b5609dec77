#include "activity/pgsession.h"

#include "dialect/sqltext.h"

namespace dbops {

SessionState PgSession::category() const
{
    if (state == QLatin1String("active"))
        return waitEventType == QLatin1String("Lock") ? SessionState::Waiting : SessionState::Active;
    if (state == QLatin1String("idle"))
        return SessionState::Idle;
    if (state == QLatin1String("idle in transaction"))
        return SessionState::IdleInTransaction;
    if (state == QLatin1String("idle in transaction (aborted)"))
        return SessionState::IdleInTransactionAborted;
    return SessionState::Other;
}

QString PgSession::stateKey(SessionState state)
{
    switch (state) {
    case SessionState::Active: return QStringLiteral("active");
    case SessionState::Waiting: return QStringLiteral("waiting");
    case SessionState::Idle: return QStringLiteral("idle");
    case SessionState::IdleInTransaction: return QStringLiteral("idle_in_transaction");
    case SessionState::IdleInTransactionAborted: return QStringLiteral("idle_in_transaction_aborted");
    case SessionState::Other: break;
    }
    return QStringLiteral("other");
}

bool PgSession::isOwnWork() const { return isConsole || SqlText::isConsoleStatement(query); }

bool PgSession::isConsoleApplication(const QString &applicationName)
{
    return applicationName == QLatin1String("dbops") || applicationName.startsWith(QLatin1String("dbops-"));
}

} // namespace dbops
