#include "alert/alertjobs.h"

#include "alert/alertwatch.h"
#include "alert/targetboard.h"

namespace dbops {

WorkerJob AlertJobs::evaluateStatus(const Target &target, const SessionOptions &options)
{
    const bool postgres = target.isPostgres();
    // The request is made in the job: it reads the profile file.
    Job body = [target, options, postgres](JobContext &ctx) -> QVariant {
        return QVariant::fromValue(
            TargetBoard::evaluate(TargetBoard::forTarget(target, options), postgres ? ctx.db() : QSqlDatabase()));
    };
    return {body, postgres};
}

Job AlertJobs::profileBoard(const QString &profilesFile, const QString &name)
{
    return [profilesFile, name](JobContext &) -> QVariant {
        const auto profile = ProfileStore(profilesFile).find(name);
        if (!profile) {
            StatusBoard board;
            board.profile = name;
            board.error = Error::make(ErrorCode::Usage, QStringLiteral("no saved profile \"%1\"").arg(name));
            return QVariant::fromValue(board);
        }
        return QVariant::fromValue(TargetBoard::evaluate(TargetBoard::forProfile(profile.value(), profilesFile)));
    };
}

Job AlertJobs::record(const StatusBoard &board, const QString &statePath)
{
    return [board, statePath](JobContext &) -> QVariant {
        AlertOptions options;
        options.statePath = statePath;
        options.watcher = QStringLiteral("console");
        Error error;
        const AlertCheck check = AlertWatch::record(board, options, &error);
        if (error)
            return QVariant::fromValue(error);
        return QVariant::fromValue(check);
    };
}

} // namespace dbops
