#include "alert/alertchannels.h"

#include "alert/alertnotifiers.h"
#include "alert/alertstore.h"

#include <QSet>
#include <spdlog/spdlog.h>

namespace dbops {

QString AlertSent::undeliveredWhy() const
{
    QStringList why;
    for (const Error &e : errors)
        why << e.message;
    // No failure and none taken: only the desktop was asked, and no session showed it.
    return why.isEmpty() ? QStringLiteral("no desktop notification could be shown") : why.join(QStringLiteral("; "));
}

Error AlertChannels::check() const
{
    if (!webhook.isEmpty())
        if (const Error e = WebhookNotifier::check(webhook))
            return e;
    if (!command.isEmpty())
        if (const Error e = CommandNotifier::check(command))
            return e;
    return {};
}

QList<AlertSent> AlertChannels::notify(const QList<AlertEvent> &events) const
{
    QList<AlertSent> sent;
    for (const AlertEvent &e : events) {
        AlertSent s{e, false, !any(), {}};
        const auto add = [&s](const Error &error, bool taken) {
            if (error)
                s.errors << error;
            s.delivered = s.delivered || taken;
        };
        if (desktop) {
            bool shown = false;
            const Error error = DesktopNotifier::send(e, &shown);
            add(error, shown);
        }
        if (!command.isEmpty()) {
            const Error error = CommandNotifier::send(command, e);
            add(error, !error);
        }
        if (!webhook.isEmpty()) {
            const Error error = WebhookNotifier::send(webhook, e);
            add(error, !error);
        }
        for (const Error &error : s.errors)
            spdlog::warn("alert: {}", error.oneLine().toStdString());
        sent << s;
    }
    return sent;
}

QList<AlertSent> AlertChannels::deliver(const AlertStore &store, const QString &target, const QList<AlertEvent> &fresh,
                                        Error *stateError) const
{
    if (!any())
        return notify(fresh);
    QSet<QString> changed;
    for (const AlertEvent &e : fresh)
        changed << e.rule;
    QList<AlertEvent> owed;
    if (auto pending = store.undelivered(target)) {
        for (const AlertEvent &e : pending.value())
            if (!changed.contains(e.rule))
                owed << e;
    } else if (stateError) {
        *stateError = pending.error();
    }
    QList<AlertSent> sent = notify(owed);
    for (AlertSent &s : sent)
        s.resent = true;
    sent << notify(fresh);
    QList<AlertEvent> delivered;
    QList<AlertEvent> undelivered;
    for (const AlertSent &s : sent)
        (s.delivered ? delivered : undelivered) << s.event;
    if (const Error e = store.settle(target, delivered, undelivered); e && stateError)
        *stateError = e;
    return sent;
}

} // namespace dbops
