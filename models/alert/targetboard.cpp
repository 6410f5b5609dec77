#include "alert/targetboard.h"

#include "alert/alertsettings.h"
#include "schedule/schedulestatus.h"
#include "status/statusevaluator.h"

#include <QFileInfo>

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

BoardRequest withSettings(StatusRequest status, const AlertSettings &settings)
{
    settings.applyTo(status);
    BoardRequest r;
    r.status = status;
    r.scheduleGraceS = settings.scheduleGraceS;
    return r;
}

} // namespace

BoardRequest TargetBoard::forTarget(const Target &target, const SessionOptions &session)
{
    return withSettings(StatusRequest::forTarget(target, session), AlertSettings::forProfile(target.profileName));
}

BoardRequest TargetBoard::forProfile(const Profile &profile, const QString &profilesFile)
{
    return withSettings(StatusRequest::forProfile(profile), AlertSettings::forProfile(profile.name, profilesFile));
}

StatusBoard TargetBoard::evaluate(const BoardRequest &request, const QSqlDatabase &db)
{
    StatusBoard board = StatusEvaluator::evaluate(request.status, db);
    if (!board.error && request.schedules)
        board.checks << StatusScheduleRules::schedules(schedulesOf(board.profile, board.target), request.status.now,
                                                       request.scheduleGraceS);
    return board;
}

QList<ScheduleFact> TargetBoard::schedulesOf(const QString &profile, const QString &target)
{
    // A watch's own schedule is the watcher: its exit code reports alerts, not a failed job.
    const auto ofTarget = [&](const ScheduleSpec &spec) {
        const QString &t = spec.target;
        return spec.job != QLatin1String("watch") && !t.isEmpty() &&
               ((!profile.isEmpty() && t == profile) || t == target);
    };
    QList<ScheduleFact> facts;
    for (const bool system : {false, true}) {
        if (system && !QFileInfo(QStringLiteral("/etc/systemd/system")).isReadable())
            continue;
        const auto list = ScheduleStatus::read(system, ofTarget);
        if (!list)
            continue;
        for (const ScheduleRow &row : list->rows)
            facts << factOf(row);
    }
    return facts;
}

} // namespace dbops
