#include "audit/auditlog.h"

#include "audit/auditchain.h"
#include "audit/auditseal.h"
#include "core/redact.h"
#include "dialect/sqltext.h"
#include "state/statedb.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <functional>
#include <pwd.h>
#include <unistd.h>

namespace dbops {

namespace {
// A null QString binds as SQL NULL; the trail stores "" for "nothing said".
QString notNull(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }

Error stateError(const QString &path, const QSqlError &e)
{
    // The driver's words go to the detail (log, --verbose), never into the one-line message.
    return Error::make(ErrorCode::Io, QStringLiteral("cannot write the audit trail %1").arg(path),
                       QStringLiteral("check that the XDG data directory is writable"), e.text());
}
} // namespace

QJsonObject AuditRecord::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("os_user"), osUser},
            {QStringLiteral("target"), target},
            {QStringLiteral("action"), action},
            {QStringLiteral("parameters"), parameters},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("detail"), detail},
            {QStringLiteral("prev_hash"), previousHash},
            {QStringLiteral("hash"), hash}};
}

AuditLog::AuditLog(const QString &databasePath) : m_path(StateDb::pathOf(databasePath)) {}

QString AuditLog::currentOsUser()
{
    if (const passwd *pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER", QStringLiteral("unknown"));
}

Error AuditLog::withConnection(const std::function<Error(QSqlDatabase &)> &work) const
{
    const auto fail = [this](StateDb::Step, const QSqlError &e) { return stateError(m_path, e); };
    const QStringList schema{SqlText::sqlite("audit", "schema"), SqlText::sqlite("audit", "chain_meta_schema")};
    return StateDb::with(m_path, QStringLiteral("audit"), schema, fail, [&](QSqlDatabase &db) -> Error {
        if (const Error e = AuditSeal::ensureChained(db, m_path))
            return e;
        return work(db);
    });
}

Error AuditLog::append(const AuditRecord &record) const
{
    AuditRecord r = record;
    r.at = record.at.isValid() ? record.at : QDateTime::currentDateTimeUtc();
    r.osUser = record.osUser.isEmpty() ? currentOsUser() : record.osUser;
    r.target = notNull(Redact::text(record.target));
    r.action = notNull(record.action);
    r.parameters = notNull(Redact::text(record.parameters));
    r.outcome = notNull(record.outcome);
    r.detail = notNull(Redact::text(record.detail));
    return withConnection([&](QSqlDatabase &db) { return AuditSeal::append(db, m_path, r); });
}

Error AuditLog::query(const QString &sql, const QVariantList &binds, QList<AuditRecord> *records) const
{
    return withConnection([&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            return stateError(m_path, q.lastError());
        while (q.next())
            records->append(AuditSeal::fromRow(q));
        return {};
    });
}

Expected<QList<AuditRecord>> AuditLog::recent(int limit) const
{
    QList<AuditRecord> records;
    if (const Error e = query(SqlText::sqlite("audit", "recent"), {limit}, &records))
        return e;
    return records;
}

Expected<QList<AuditRecord>> AuditLog::all(const QDateTime &since) const
{
    QList<AuditRecord> records;
    if (const Error e = query(SqlText::sqlite("audit", "all"), {}, &records))
        return e;
    if (since.isValid())
        records.erase(
            std::remove_if(records.begin(), records.end(), [&](const AuditRecord &r) { return r.at < since; }),
            records.end());
    return records;
}

Expected<AuditChainState> AuditLog::verify() const
{
    QList<AuditRecord> records;
    QPair<QString, qint64> sealed;
    const Error e = query(SqlText::sqlite("audit", "all"), {}, &records);
    if (e)
        return e;
    if (const Error m = withConnection([&](QSqlDatabase &db) {
            sealed = AuditSeal::sealedBefore(db);
            return Error{};
        }))
        return m;
    AuditChainState state = AuditChain::verify(records, AuditChain::readHead(m_path));
    state.sealedAt = sealed.first;
    state.sealedRecords = sealed.second;
    return state;
}

} // namespace dbops
