#include "audit/auditseal.h"

#include "audit/auditchain.h"
#include "audit/auditlog.h"
#include "dialect/sqltext.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dbops {

namespace {

const QString kSealedAt = QStringLiteral("sealed_at");
const QString kSealedRecords = QStringLiteral("sealed_records");

Error sqlError(const QString &path, const QSqlError &e)
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot write the audit trail %1").arg(path),
                       QStringLiteral("check that the XDG data directory is writable"), e.text());
}

bool hasHashColumn(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("audit", "columns")))
        return false;
    while (q.next())
        if (q.value(1).toString() == QLatin1String("hash"))
            return true;
    return false;
}

// Runs `work` between BEGIN IMMEDIATE and COMMIT; rolls back when it fails.
Error inWriteTransaction(QSqlDatabase &db, const QString &path, const std::function<Error(QSqlQuery &)> &work)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("common", "begin_immediate")))
        return sqlError(path, q.lastError());
    Error e = work(q);
    if (!e && !q.exec(SqlText::sqlite("common", "commit")))
        e = sqlError(path, q.lastError());
    if (e)
        q.exec(SqlText::sqlite("common", "rollback"));
    return e;
}

Error exec(QSqlQuery &q, const QString &path, const QString &sql, const QVariantList &binds = {})
{
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return q.exec() ? Error{} : sqlError(path, q.lastError());
}

// Seals every record in id order; returns the head (the newest seal), or an invalid one for an empty trail.
Error sealAll(QSqlQuery &q, const QString &path, AuditHead *head)
{
    QList<AuditRecord> records;
    if (!q.exec(SqlText::sqlite("audit", "all")))
        return sqlError(path, q.lastError());
    while (q.next())
        records << AuditSeal::fromRow(q);
    QString previous = AuditChain::genesis();
    for (const AuditRecord &r : records) {
        const QString hash = AuditChain::seal(previous, r);
        if (const Error e = exec(q, path, SqlText::sqlite("audit", "seal"), {previous, hash, r.id}))
            return e;
        previous = hash;
        *head = {r.id, hash};
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (const Error e = exec(q, path, SqlText::sqlite("audit", "set_meta"), {kSealedAt, now}))
        return e;
    return exec(q, path, SqlText::sqlite("audit", "set_meta"), {kSealedRecords, QString::number(records.size())});
}

} // namespace

Error AuditSeal::ensureChained(QSqlDatabase &db, const QString &path)
{
    if (hasHashColumn(db))
        return {};
    AuditHead head;
    const Error e = inWriteTransaction(db, path, [&](QSqlQuery &q) -> Error {
        if (hasHashColumn(db)) // another process sealed it while we waited for the lock
            return {};
        for (const char *key : {"add_prev_hash", "add_hash"})
            if (const Error e = exec(q, path, SqlText::sqlite("audit", key)))
                return e;
        return sealAll(q, path, &head);
    });
    if (e || !head.isValid())
        return e;
    return AuditChain::writeHead(path, head);
}

Error AuditSeal::append(QSqlDatabase &db, const QString &path, AuditRecord record)
{
    AuditHead head;
    const Error e = inWriteTransaction(db, path, [&](QSqlQuery &q) -> Error {
        QString previous = AuditChain::genesis();
        if (!q.exec(SqlText::sqlite("audit", "last")))
            return sqlError(path, q.lastError());
        const qint64 lastId = q.next() ? q.value(0).toLongLong() : 0;
        if (lastId > 0)
            previous = q.value(1).toString();
        // Newest records deleted behind dbops's back: chain onto the seal the head file vouches for, so the
        // gap stays visible after this record instead of being papered over.
        const AuditHead known = AuditChain::readHead(path);
        if (known.isValid() && known.id > lastId)
            previous = known.hash;
        const QString at = record.at.toUTC().toString(Qt::ISODateWithMs);
        if (const Error e = exec(
                q, path, SqlText::sqlite("audit", "append"),
                {at, record.osUser, record.target, record.action, record.parameters, record.outcome, record.detail}))
            return e;
        record.id = q.lastInsertId().toLongLong();
        record.at = QDateTime::fromString(at, Qt::ISODateWithMs);
        head = {record.id, AuditChain::seal(previous, record)};
        return exec(q, path, SqlText::sqlite("audit", "seal"), {previous, head.hash, record.id});
    });
    if (e)
        return e;
    return AuditChain::writeHead(path, head);
}

AuditRecord AuditSeal::fromRow(const QSqlQuery &q)
{
    AuditRecord r;
    r.id = q.value(0).toLongLong();
    r.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    r.osUser = q.value(2).toString();
    r.target = q.value(3).toString();
    r.action = q.value(4).toString();
    r.parameters = q.value(5).toString();
    r.outcome = q.value(6).toString();
    r.detail = q.value(7).toString();
    r.previousHash = q.value(8).toString();
    r.hash = q.value(9).toString();
    return r;
}

QPair<QString, qint64> AuditSeal::sealedBefore(QSqlDatabase &db)
{
    QPair<QString, qint64> result{QString(), 0};
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("audit", "meta")))
        return result;
    while (q.next()) {
        if (q.value(0).toString() == kSealedAt)
            result.first = q.value(1).toString();
        else if (q.value(0).toString() == kSealedRecords)
            result.second = q.value(1).toLongLong();
    }
    return result;
}

} // namespace dbops
