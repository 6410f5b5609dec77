#include "alert/alertwatch.h"

#include "alert/alertrules.h"
#include "alert/alertstore.h"
#include "audit/auditlog.h"

#include <spdlog/spdlog.h>

namespace dbops {
namespace {

// The log line and the audit record of an alert or a recovery (its reason was redacted when it was made).
void audit(const AuditLog &log, const AlertEvent &e)
{
    spdlog::info("{}: {} {}", e.kind().toStdString(), e.target.toStdString(), e.line().toStdString());
    AuditRecord r;
    r.at = e.at;
    r.target = e.target;
    r.action = QStringLiteral("alert");
    r.parameters = e.rule;
    r.outcome = e.state;
    r.detail = QStringLiteral("%1: %2").arg(e.kind(), e.line());
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
    for (const AlertEvent &e : check.events)
        audit(log, e);
    if (auto active = store.active(board.target))
        check.active = active.value();
    return check;
}

} // namespace dbops
