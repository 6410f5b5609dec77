#include "activity/probestore.h"

#include "activity/activitystate.h"
#include "dialect/sqltext.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dbops {

namespace {

Error run(const QString &file, const QString &what, const QString &sql, const QVariantList &binds)
{
    return ActivityState::with(file, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), what, q.lastError().text());
        return {};
    });
}

} // namespace

ProbeStore::ProbeStore(const QString &stateFile) : m_stateFile(stateFile) {}

QString ProbeStore::keyFor(const Target &target)
{
    return target.profileName.isEmpty() ? target.toSpec() : QStringLiteral("profile:") + target.profileName;
}

Expected<QStringList> ProbeStore::load(const Target &target) const
{
    QStringList queries;
    const Error e = ActivityState::with(m_stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(SqlText::sqlite("activity_state", "probes_load"));
        q.addBindValue(keyFor(target));
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("read the saved probe queries"),
                                             q.lastError().text());
        while (q.next())
            queries << q.value(0).toString();
        return {};
    });
    if (e)
        return e;
    return queries;
}

Error ProbeStore::add(const Target &target, const QStringList &queries) const
{
    for (const QString &sql : queries) {
        if (sql.trimmed().isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("an empty probe query"),
                               QStringLiteral("write the SELECT the bot runs, e.g. SELECT * FROM trades WHERE "
                                              "symbol = 'BTCUSDT' ORDER BY created_at DESC LIMIT 50"));
        if (const Error e =
                run(m_stateFile, QStringLiteral("save a probe query"), SqlText::sqlite("activity_state", "probes_add"),
                    {keyFor(target), sql.trimmed(), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}))
            return e;
    }
    return {};
}

Error ProbeStore::remove(const Target &target, const QString &query) const
{
    return run(m_stateFile, QStringLiteral("forget a probe query"), SqlText::sqlite("activity_state", "probes_remove"),
               {keyFor(target), query.trimmed()});
}

Error ProbeStore::clear(const Target &target) const
{
    return run(m_stateFile, QStringLiteral("forget the probe queries"),
               SqlText::sqlite("activity_state", "probes_clear"), {keyFor(target)});
}

} // namespace dbops
