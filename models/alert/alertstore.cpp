#include "alert/alertstore.h"

#include "core/redact.h"
#include "dialect/sqltext.h"
#include "state/statedb.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace dbops {
namespace {

Error stateError(const QString &path, const QSqlError &e)
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot read or write the alert state in %1").arg(path),
                       QStringLiteral("check that the XDG data directory is writable"), e.text());
}

QString valueText(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble()) : v.isString() ? v.toString() : QString();
}

bool isActive(const QString &state) { return state == QLatin1String("warning") || state == QLatin1String("critical"); }

// An event kept in alert_pending, read back from the JSON the notifiers send (AlertEvent::toJson).
AlertEvent eventOf(const QVariant &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toString().toUtf8()).object();
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    return {text("target"),
            text("rule"),
            text("state"),
            text("previous_state"),
            text("reason"),
            o.value(QLatin1String("value")),
            QDateTime::fromString(text("at"), Qt::ISODate)};
}

} // namespace

AlertStore::AlertStore(const QString &databasePath, const QString &watcher)
    : m_path(StateDb::pathOf(databasePath)), m_watcher(watcher)
{}

Error AlertStore::with(const StateDb::WorkFn &work) const
{
    const auto fail = [this](StateDb::Step, const QSqlError &e) { return stateError(m_path, e); };
    return StateDb::with(m_path, QStringLiteral("alert"),
                         {SqlText::sqlite("alert", "schema"), SqlText::sqlite("alert", "pending_schema")}, fail, work);
}

QList<AlertEvent> AlertStore::changes(const QString &target, const QMap<QString, AlertStateRow> &stored,
                                      const QList<AlertObservation> &now, const QDateTime &at)
{
    QList<AlertEvent> events;
    for (const AlertObservation &o : now) {
        const auto it = stored.constFind(o.rule);
        const QString previous = it == stored.cend() ? QStringLiteral("unknown") : it->state;
        if (previous == o.state || (it == stored.cend() && o.state == QLatin1String("ok")))
            continue;
        events << AlertEvent{target, o.rule, o.state, previous, Redact::text(o.reason), o.value, at};
    }
    return events;
}

Expected<QMap<QString, AlertStateRow>> AlertStore::load(const QString &target) const
{
    QMap<QString, AlertStateRow> rows;
    const Error e = with([&](QSqlDatabase &db) -> Error {
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("alert", "load"));
        q.addBindValue(m_watcher);
        q.addBindValue(target);
        if (!q.exec())
            return stateError(m_path, q.lastError());
        while (q.next())
            rows.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                                                QDateTime::fromString(q.value(4).toString(), Qt::ISODate)});
        return {};
    });
    if (e)
        return e;
    return rows;
}

Expected<QList<AlertEvent>> AlertStore::update(const QString &target, const QList<AlertObservation> &now,
                                               const QDateTime &at) const
{
    auto stored = load(target);
    if (!stored)
        return stored.error();
    const QList<AlertEvent> events = changes(target, stored.value(), now, at);
    const Error e = with([&](QSqlDatabase &db) -> Error {
        db.transaction();
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("alert", "save"));
        for (const AlertObservation &o : now) {
            const auto it = stored->constFind(o.rule);
            const bool same = it != stored->cend() && it->state == o.state;
            const QDateTime since = same ? it->since : at;
            for (const QVariant &v :
                 {QVariant(m_watcher), QVariant(target), QVariant(o.rule), QVariant(o.state),
                  QVariant(Redact::text(o.reason)), QVariant(valueText(o.value)),
                  QVariant(since.toUTC().toString(Qt::ISODate)), QVariant(at.toUTC().toString(Qt::ISODate))})
                q.addBindValue(v);
            if (!q.exec()) {
                db.rollback();
                return stateError(m_path, q.lastError());
            }
        }
        db.commit();
        return {};
    });
    if (e)
        return e;
    return events;
}

Expected<QList<AlertObservation>> AlertStore::active(const QString &target) const
{
    auto stored = load(target);
    if (!stored)
        return stored.error();
    QList<AlertObservation> list;
    for (auto it = stored->cbegin(); it != stored->cend(); ++it)
        if (isActive(it->state))
            list << AlertObservation{it.key(), it->state, it->reason, QJsonValue(it->value)};
    return list;
}

Expected<QList<AlertEvent>> AlertStore::undelivered(const QString &target, const QDateTime &now) const
{
    QList<AlertEvent> events;
    const Error e = with([&](QSqlDatabase &db) -> Error {
        if (Error expired = dropExpired(db, now.addDays(-kPendingDays)))
            return expired;
        QSqlQuery q(db);
        q.prepare(SqlText::sqlite("alert", "pending_load"));
        q.addBindValue(m_watcher);
        q.addBindValue(target);
        if (!q.exec())
            return stateError(m_path, q.lastError());
        while (q.next())
            events << eventOf(q.value(0));
        return {};
    });
    if (e)
        return e;
    return events;
}

Error AlertStore::dropExpired(QSqlDatabase &db, const QDateTime &cutoff) const
{
    const QString before = cutoff.toUTC().toString(Qt::ISODate);
    QSqlQuery q(db);
    q.prepare(SqlText::sqlite("alert", "pending_expired"));
    q.addBindValue(m_watcher);
    q.addBindValue(before);
    if (!q.exec())
        return stateError(m_path, q.lastError());
    while (q.next())
        spdlog::warn("alert owed since before {} never reached a notifier, dropped: {}", before.toStdString(),
                     eventOf(q.value(0)).summary().toStdString());
    q.finish();
    q.prepare(SqlText::sqlite("alert", "pending_expire"));
    q.addBindValue(m_watcher);
    q.addBindValue(before);
    return q.exec() ? Error() : stateError(m_path, q.lastError());
}

Error AlertStore::settle(const QString &target, const QList<AlertEvent> &delivered,
                         const QList<AlertEvent> &undelivered) const
{
    if (delivered.isEmpty() && undelivered.isEmpty())
        return {};
    return with([&](QSqlDatabase &db) -> Error {
        db.transaction();
        QSqlQuery drop(db);
        drop.prepare(SqlText::sqlite("alert", "pending_drop"));
        QSqlQuery save(db);
        save.prepare(SqlText::sqlite("alert", "pending_save"));
        QSqlError failed;
        const auto run = [&failed](QSqlQuery &q, const QVariantList &values) {
            for (const QVariant &v : values)
                q.addBindValue(v);
            if (!q.exec())
                failed = q.lastError();
            return !failed.isValid();
        };
        bool ok = true;
        for (const AlertEvent &e : delivered)
            ok = ok && run(drop, {m_watcher, target, e.rule});
        for (const AlertEvent &e : undelivered)
            ok = ok && run(save, {m_watcher, target, e.rule,
                                  QString::fromUtf8(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact))});
        if (!ok) {
            db.rollback();
            return stateError(m_path, failed);
        }
        db.commit();
        return {};
    });
}

} // namespace dbops
