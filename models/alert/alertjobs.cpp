#include "alert/alertjobs.h"

#include "alert/alertsettings.h"
#include "alert/alertwatch.h"

namespace dbops {

WorkerJob AlertJobs::evaluateStatus(const Target &target, const SessionOptions &options)
{
    return StatusJobs::evaluate(target, options, [](StatusRequest &request) {
        AlertSettings::forProfile(request.target.profileName).applyTo(request);
    });
}

Job AlertJobs::record(const StatusBoard &board, const QString &statePath)
{
    return [board, statePath](JobContext &) -> QVariant {
        AlertOptions options;
        options.statePath = statePath;
        options.watcher = QStringLiteral("console");
        options.scheduleGraceS = AlertSettings::forProfile(board.profile).scheduleGraceS;
        Error error;
        const AlertCheck check = AlertWatch::record(board, options, &error);
        if (error)
            return QVariant::fromValue(error);
        return QVariant::fromValue(check);
    };
}

} // namespace dbops
