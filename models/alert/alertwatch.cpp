#include "alert/alertwatch.h"

#include "alert/alertrules.h"
#include "alert/alertstore.h"
#include "audit/auditlog.h"
#include "schedule/schedulestatus.h"
#include "status/statusevaluator.h"

#include <QFileInfo>
#include <spdlog/spdlog.h>

namespace dbops {
namespace {

ScheduleFact factOf(const ScheduleRow &row)
{
    ScheduleFact f;
    f.name = row.spec.name;
    f.job = row.spec.job;
    // systemd knows whether the timer is enabled; from the audit alone a written schedule counts as enabled.
    f.enabled = row.source != QLatin1String("systemd") || row.enabled;
    f.periodS = StatusScheduleRules::periodSeconds(row.spec.every);
    f.lastRun = row.last;
    f.lastResult = row.result;
    f.lastDurationS = row.durationMs > 0 ? row.durationMs / 1000 : 0;
    f.since = QFileInfo(row.unitDir + QLatin1Char('/') + row.spec.name + QStringLiteral(".service")).lastModified();
    return f;
}

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

WatchRequest AlertWatch::forTarget(const Target &target)
{
    WatchRequest w;
    w.status = StatusRequest::forTarget(target);
    const AlertSettings settings = AlertSettings::forProfile(target.profileName);
    settings.applyTo(w.status);
    w.options.scheduleGraceS = settings.scheduleGraceS;
    return w;
}

QList<ScheduleFact> AlertWatch::schedulesOf(const QString &profile, const QString &target)
{
    QList<ScheduleFact> facts;
    for (const bool system : {false, true}) {
        if (system && !QFileInfo(QStringLiteral("/etc/systemd/system")).isReadable())
            continue;
        const auto list = ScheduleStatus::read(system);
        if (!list)
            continue;
        for (const ScheduleRow &row : list->rows) {
            const QString &t = row.spec.target;
            // A watch's own schedule is the watcher: its exit code reports alerts, not a failed job.
            if (row.spec.job == QLatin1String("watch") || t.isEmpty())
                continue;
            if ((!profile.isEmpty() && t == profile) || t == target)
                facts << factOf(row);
        }
    }
    return facts;
}

AlertCheck AlertWatch::check(const WatchRequest &request, Error *error)
{
    StatusBoard board = StatusEvaluator::evaluate(request.status);
    return record(board, request.options, error);
}

AlertCheck AlertWatch::record(StatusBoard board, const AlertOptions &options, Error *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!board.error && options.schedules && !board.find(QStringLiteral("schedules")))
        board.checks << StatusScheduleRules::schedules(schedulesOf(board.profile, board.target), now,
                                                       options.scheduleGraceS);
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
