#include "audit/auditchain.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

namespace dbops {

namespace {

void addField(QByteArray &out, const QString &value)
{
    const QByteArray bytes = value.toUtf8();
    out += QByteArray::number(bytes.size()) + ':' + bytes + '\n';
}

AuditChainState brokenAt(AuditChainState state, qint64 id, const QDateTime &at, const QString &what)
{
    state.whole = false;
    state.brokenId = id;
    state.brokenAt = at;
    state.what = what;
    return state;
}

} // namespace

QString AuditChain::genesis() { return QString(64, QLatin1Char('0')); }

QString AuditChain::seal(const QString &previous, const AuditRecord &r)
{
    // The time as stored (ISO with milliseconds, UTC): the same text the table holds, so a seal never depends
    // on how a QDateTime happens to print.
    QByteArray canonical = "dbops-audit-v1\n";
    addField(canonical, previous);
    addField(canonical, QString::number(r.id));
    addField(canonical, r.at.toUTC().toString(Qt::ISODateWithMs));
    for (const QString *field : {&r.osUser, &r.target, &r.action, &r.parameters, &r.outcome, &r.detail})
        addField(canonical, *field);
    return QString::fromLatin1(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

AuditChainState AuditChain::verify(const QList<AuditRecord> &records, const AuditHead &head)
{
    AuditChainState state;
    QString previous = genesis();
    qint64 previousId = 0;
    bool headSeen = false;
    for (const AuditRecord &r : records) {
        ++state.checked;
        if (r.hash.isEmpty())
            return brokenAt(state, r.id, r.at, QStringLiteral("it carries no seal (added outside dbops)"));
        if (r.previousHash != previous)
            return brokenAt(state, r.id, r.at,
                            previousId == 0 && r.id > 1
                                ? QStringLiteral("the records before it are missing")
                                : QStringLiteral("the record before it (after record %1) is missing or was "
                                                 "changed")
                                      .arg(previousId));
        if (seal(previous, r) != r.hash)
            return brokenAt(state, r.id, r.at, QStringLiteral("it was changed after it was written"));
        if (head.isValid() && r.id == head.id) {
            if (r.hash != head.hash)
                return brokenAt(state, r.id, r.at, QStringLiteral("its seal differs from the head file's"));
            headSeen = true;
        }
        previous = r.hash;
        previousId = r.id;
    }
    if (head.isValid() && !headSeen)
        return brokenAt(state, head.id, {},
                        QStringLiteral("it is missing: the head file names it as written, the trail ends at "
                                       "record %1")
                            .arg(previousId));
    if (!head.isValid() && !records.isEmpty())
        return brokenAt(state, records.last().id, records.last().at,
                        QStringLiteral("the head file that vouches for the newest record is missing"));
    return state;
}

QString AuditChain::headFile(const QString &databasePath) { return databasePath + QStringLiteral(".audit-head"); }

AuditHead AuditChain::readHead(const QString &databasePath)
{
    QFile f(headFile(databasePath));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = f.readAll().trimmed().split(' ');
    if (parts.size() != 2)
        return {};
    return {parts[0].toLongLong(), QString::fromLatin1(parts[1])};
}

Error AuditChain::writeHead(const QString &databasePath, const AuditHead &head)
{
    if (readHead(databasePath).id > head.id)
        return {};
    QSaveFile f(headFile(databasePath));
    const QByteArray line = QByteArray::number(head.id) + ' ' + head.hash.toLatin1() + '\n';
    if (!f.open(QIODevice::WriteOnly) || f.write(line) != line.size() || !f.commit())
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot write the audit trail's head file %1").arg(headFile(databasePath)),
                           QStringLiteral("check that the XDG data directory is writable"), f.errorString());
    return {};
}

QString AuditChainState::oneLine() const
{
    if (whole)
        return QStringLiteral("whole (%1 records)").arg(checked);
    const QString when = brokenAt.isValid() ? QStringLiteral(" (%1)").arg(brokenAt.toString(Qt::ISODate)) : QString();
    return QStringLiteral("broken at record %1%2: %3").arg(brokenId).arg(when, what);
}

QJsonObject AuditChainState::toJson() const
{
    QJsonObject o{{QStringLiteral("state"), whole ? QStringLiteral("whole") : QStringLiteral("broken")},
                  {QStringLiteral("checked"), checked},
                  {QStringLiteral("sealed_at"), sealedAt},
                  {QStringLiteral("sealed_records"), sealedRecords},
                  {QStringLiteral("first_broken"), QJsonValue()}}; // null while the chain is whole
    if (!whole)
        o.insert(
            QStringLiteral("first_broken"),
            QJsonObject{{QStringLiteral("id"), brokenId},
                        {QStringLiteral("at"), brokenAt.isValid() ? brokenAt.toString(Qt::ISODateWithMs) : QString()},
                        {QStringLiteral("what"), what}});
    return o;
}

} // namespace dbops
