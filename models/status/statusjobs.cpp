#include "status/statusjobs.h"

namespace dbops {

WorkerJob StatusJobs::evaluate(const Target &target, const SessionOptions &options,
                               std::function<void(StatusRequest &)> adjust)
{
    const bool postgres = target.isPostgres();
    Job body = [target, options, postgres, adjust](JobContext &ctx) -> QVariant {
        StatusRequest request = StatusRequest::forTarget(target, options);
        if (adjust)
            adjust(request);
        return QVariant::fromValue(StatusEvaluator::evaluate(request, postgres ? ctx.db() : QSqlDatabase()));
    };
    return {body, postgres};
}

Job StatusJobs::profile(const QString &profilesFile, const QString &name)
{
    return [profilesFile, name](JobContext &) -> QVariant {
        const auto profile = ProfileStore(profilesFile).find(name);
        if (!profile) {
            StatusBoard board;
            board.profile = name;
            board.error = Error::make(ErrorCode::Usage, QStringLiteral("no saved profile \"%1\"").arg(name));
            return QVariant::fromValue(board);
        }
        return QVariant::fromValue(StatusEvaluator::evaluate(StatusRequest::forProfile(profile.value())));
    };
}

} // namespace dbops
