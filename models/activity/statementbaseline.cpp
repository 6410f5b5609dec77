#include "activity/statementbaseline.h"

#include "activity/activitystate.h"
#include "activity/pgstatements.h"
#include "dialect/sqltext.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dbops {

Expected<StatementBaseline> StatementBaseline::capture(QSqlDatabase db, const Target &target)
{
    auto all = PgStatements::all(db, target);
    if (!all)
        return all.error();
    StatementBaseline b;
    b.at = QDateTime::currentDateTimeUtc();
    b.byQueryId = all.value();
    return b;
}

Error StatementBaseline::save(const QString &targetKey, const QString &stateFile) const
{
    return ActivityState::with(stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        db.transaction();
        q.prepare(SqlText::sqlite("activity_state", "baseline_clear"));
        q.addBindValue(targetKey);
        bool ok = q.exec();
        q.prepare(SqlText::sqlite("activity_state", "baseline_insert"));
        // A marker row keeps the moment even when no statement was recorded yet.
        const QString takenAt = at.toString(Qt::ISODateWithMs);
        auto insert = [&](qint64 id, const StatementCounters &c) {
            q.addBindValue(targetKey);
            q.addBindValue(takenAt);
            q.addBindValue(id);
            q.addBindValue(c.query.isNull() ? QStringLiteral("") : c.query);
            q.addBindValue(c.calls);
            q.addBindValue(c.totalMs);
            q.addBindValue(c.rows);
            q.addBindValue(c.blksHit);
            q.addBindValue(c.blksRead);
            return q.exec();
        };
        ok = ok && insert(0, StatementCounters{});
        for (auto it = byQueryId.cbegin(); ok && it != byQueryId.cend(); ++it)
            ok = insert(it.key(), it.value());
        if (!ok) {
            const QString detail = q.lastError().text();
            db.rollback();
            return ActivityState::stateError(db.databaseName(), QStringLiteral("save the statement baseline"), detail);
        }
        db.commit();
        return {};
    });
}

Expected<StatementBaseline> StatementBaseline::load(const QString &targetKey, const QString &stateFile)
{
    StatementBaseline b;
    const Error e = ActivityState::with(stateFile, [&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("activity_state", "baseline_load"));
        q.addBindValue(targetKey);
        if (!q.exec())
            return ActivityState::stateError(db.databaseName(), QStringLiteral("read the statement baseline"),
                                             q.lastError().text());
        while (q.next()) {
            b.at = QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
            const qint64 id = q.value(1).toLongLong();
            if (id == 0)
                continue;
            b.byQueryId.insert(id, StatementCounters{q.value(2).toString(), q.value(3).toLongLong(),
                                                     q.value(4).toDouble(), q.value(5).toLongLong(),
                                                     q.value(6).toLongLong(), q.value(7).toLongLong()});
        }
        return {};
    });
    if (e)
        return e;
    if (!b.isValid())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no statement baseline was taken for %1").arg(targetKey),
                           QStringLiteral("take one with `dbops slow --mark` first"));
    return b;
}

} // namespace dbops
