#include "schema/healthscan.h"

#include "schema/healthhistory.h"
#include "schema/healthprobe.h"
#include "schema/pghealth.h"

#include <spdlog/spdlog.h>

namespace dbops {

Expected<HealthScanResult> HealthScan::run(const HealthScanRequest &request, const OpControl &control,
                                           const QSqlDatabase &db)
{
    const bool onConnection = request.target.isPostgres() && db.isValid();
    auto report = onConnection ? PgHealth::scan(db, request.target.display(), request.options)
                               : HealthProbe::collect(request.target, request.session, request.options, control);
    if (!report)
        return report.error();
    HealthScanResult result;
    result.report = report.value();
    // A scan without sizes (the quick preliminary one, --quick) has nothing to chart: a point of it would read
    // as the store shrinking to nothing.
    if (!request.historyFile.isEmpty() && request.options.sizes) {
        result.historyError = HealthHistory(request.historyFile).append(result.report);
        result.recorded = !result.historyError;
    }
    return result;
}

WorkerJob HealthScan::job(const HealthScanRequest &request)
{
    const bool postgres = request.target.isPostgres();
    Job body = [request, postgres](JobContext &ctx) -> QVariant {
        auto scan = run(request, OpControl::fromJob(ctx), postgres ? ctx.db() : QSqlDatabase());
        if (!scan)
            return QVariant::fromValue(scan.error());
        if (scan->historyError)
            spdlog::warn("health history: {}", scan->historyError.oneLine().toStdString());
        return QVariant::fromValue(scan->report);
    };
    return {body, postgres};
}

Job HealthScan::history(const QString &historyFile, int maxPoints)
{
    return [historyFile, maxPoints](JobContext &) -> QVariant {
        return QVariant::fromValue(HealthHistory(historyFile).load(maxPoints));
    };
}

} // namespace dbops
