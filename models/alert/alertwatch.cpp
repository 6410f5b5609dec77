#include "alert/alertwatch.h"

#include "alert/alertrules.h"
#include "alert/alertstore.h"
#include "audit/auditlog.h"

#include <spdlog/spdlog.h>

namespace dbops {
namespace {

// The log line and the audit record of an alert or a recovery (its reason was redacted when it was made); one
// sent again only once a channel took it, so a channel down for hours leaves one record, not one per check.
void audit(const AuditLog &log, const AlertSent &sent)
{
    const AlertEvent &e = sent.event;
    if (sent.resent && !sent.delivered)
        return;
    spdlog::info("{}: {} {}", e.kind().toStdString(), e.target.toStdString(), e.line().toStdString());
    AuditRecord r;
    r.at = sent.resent ? QDateTime::currentDateTimeUtc() : e.at;
    r.target = e.target;
    r.action = QStringLiteral("alert");
    r.parameters = e.rule;
    r.outcome = e.state;
    r.detail = QStringLiteral("%1: %2").arg(e.kind(), e.line());
    if (sent.resent)
        r.detail += QStringLiteral(" (delivered late, changed at %1)").arg(e.at.toUTC().toString(Qt::ISODate));
    else if (!sent.delivered)
        r.detail += QStringLiteral(" (delivery failed: %1; sent again by the next check)").arg(sent.undeliveredWhy());
    if (const Error err = log.append(r))
        spdlog::warn("alert: {}", err.oneLine().toStdString());
}

} // namespace

WatchRequest AlertWatch::forTarget(const Target &target) { return {TargetBoard::forTarget(target), {}}; }

AlertCheck AlertWatch::check(const WatchRequest &request, Error *error)
{
    return record(TargetBoard::evaluate(request.board), request.options, error);
}

AlertCheck AlertWatch::record(const StatusBoard &board, const AlertOptions &options, Error *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    AlertCheck check;
    check.target = board.target;
    const AlertStore store(options.statePath, options.watcher);
    auto events = store.update(board.target, AlertRules::observe(board), now);
    if (!events) {
        if (error)
            *error = events.error();
        return check;
    }
    check.events = events.value();
    const AuditLog log(options.statePath);
    for (const AlertSent &s : options.channels.deliver(store, board.target, check.events, error)) {
        audit(log, s);
        if (s.resent)
            check.resent << s.event;
        check.notifyErrors << s.errors;
    }
    if (auto active = store.active(board.target))
        check.active = active.value();
    return check;
}

} // namespace dbops
