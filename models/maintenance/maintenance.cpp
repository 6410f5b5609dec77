#include "maintenance/maintenance.h"

#include "core/incidentmode.h"

#include "connection/storediscovery.h"
#include "maintenance/pgmaintenance.h"
#include "maintenance/sqlitemaintenance.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

const std::pair<MaintenanceOp, const char *> kOps[] = {
    {MaintenanceOp::Vacuum, "vacuum"},         {MaintenanceOp::Analyze, "analyze"},
    {MaintenanceOp::Reindex, "reindex"},       {MaintenanceOp::Optimize, "optimize"},
    {MaintenanceOp::Checkpoint, "checkpoint"}, {MaintenanceOp::IncrementalVacuum, "incremental-vacuum"},
};

QJsonValue sizeValue(qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(v); }

QJsonArray tablesJson(const QList<TableSizes> &tables)
{
    QJsonArray a;
    for (const TableSizes &t : tables)
        a.append(t.toJson());
    return a;
}

Error targetCheck(const Target &target)
{
    if (target.kind == Target::Kind::DataDir) {
        QStringList stores;
        for (const DiscoveredItem &i : StoreDiscovery::scan(target.path))
            if (i.kind == DiscoveredItem::Kind::Sqlite)
                stores << i.relativePath;
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a data directory; maintenance works on one store").arg(target.path),
                           stores.isEmpty() ? QStringLiteral("pass the store file with --db")
                                            : QStringLiteral("pass one of: ") + stores.join(QStringLiteral(", ")));
    }
    if (!target.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("no store given"), QStringLiteral("pass --db"));
    return {};
}

MaintenanceResult::Status statusFor(const Error &e)
{
    switch (e.code) {
    case ErrorCode::None: return MaintenanceResult::Status::Done;
    case ErrorCode::Refused:
    case ErrorCode::Usage:
    case ErrorCode::Unsupported: return MaintenanceResult::Status::Refused;
    case ErrorCode::Cancelled: return MaintenanceResult::Status::Cancelled;
    default: return MaintenanceResult::Status::Failed;
    }
}

void audit(const Target &target, const MaintenanceRequest &request, const MaintenanceResult &result,
           const AuditLog &log)
{
    AuditRecord r;
    r.target = target.display();
    r.action = QStringLiteral("maintenance");
    r.parameters = request.describe();
    // The audit trail's words: ok, refused, failed, cancelled.
    r.outcome = result.ok() ? QStringLiteral("ok") : MaintenanceResult::statusName(result.status);
    QStringList detail;
    if (result.error)
        detail << result.error.oneLine();
    if (result.before.databaseBytes >= 0 && result.after.databaseBytes >= 0)
        detail
            << QStringLiteral("size %1 -> %2 bytes").arg(result.before.databaseBytes).arg(result.after.databaseBytes);
    if (result.checkpoint.ran)
        detail << QStringLiteral("checkpoint busy=%1 log=%2 checkpointed=%3")
                      .arg(result.checkpoint.busy)
                      .arg(result.checkpoint.logFrames)
                      .arg(result.checkpoint.checkpointedFrames);
    detail << result.notes;
    r.detail = detail.join(QStringLiteral("; "));
    if (Error e = log.append(r))
        spdlog::warn("could not write the audit record: {}", e.oneLine().toStdString());
}

} // namespace

QString MaintenanceRequest::describe() const
{
    QStringList parts{QStringLiteral("op=") + Maintenance::opName(op)};
    if (!tables.isEmpty())
        parts << QStringLiteral("tables=") + tables.join(QLatin1Char(','));
    if (!indexes.isEmpty())
        parts << QStringLiteral("indexes=") + indexes.join(QLatin1Char(','));
    if (op == MaintenanceOp::Checkpoint)
        parts << (truncate ? QStringLiteral("mode=truncate") : QStringLiteral("mode=passive"));
    if (op == MaintenanceOp::IncrementalVacuum && incrementalPages > 0)
        parts << QStringLiteral("pages=%1").arg(incrementalPages);
    return parts.join(QLatin1Char(' '));
}

QJsonObject StoreSizes::toJson() const
{
    QJsonObject o{{QStringLiteral("database_bytes"), sizeValue(databaseBytes)}};
    if (walBytes >= 0)
        o.insert(QStringLiteral("wal_bytes"), walBytes);
    if (pageCount >= 0) {
        o.insert(QStringLiteral("page_size"), pageSize);
        o.insert(QStringLiteral("page_count"), pageCount);
        o.insert(QStringLiteral("freelist_pages"), freelistPages);
        o.insert(QStringLiteral("auto_vacuum"), autoVacuum);
        o.insert(QStringLiteral("journal_mode"), journalMode);
    }
    return o;
}

QJsonObject TableSizes::toJson() const
{
    return {{QStringLiteral("table"), table},
            {QStringLiteral("bytes"), sizeValue(bytes)},
            {QStringLiteral("live_rows"), sizeValue(liveRows)},
            {QStringLiteral("dead_rows"), sizeValue(deadRows)}};
}

QJsonObject CheckpointFigures::toJson() const
{
    return {{QStringLiteral("busy"), busy},
            {QStringLiteral("log_frames"), logFrames},
            {QStringLiteral("checkpointed_frames"), checkpointedFrames}};
}

QJsonObject MaintenancePlan::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), refused() ? QStringLiteral("refused") : QStringLiteral("preview")},
                  {QStringLiteral("op"), Maintenance::opName(request.op)},
                  {QStringLiteral("target"), target.display()},
                  {QStringLiteral("engine"), target.engine()},
                  {QStringLiteral("statements"), QJsonArray::fromStringList(statements)},
                  {QStringLiteral("tables"), tablesJson(tableSizes)},
                  {QStringLiteral("sizes"), sizes.toJson()},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}};
    if (request.op == MaintenanceOp::Vacuum && target.isSqlite()) {
        o.insert(QStringLiteral("space_needed_bytes"), spaceNeeded);
        o.insert(QStringLiteral("space_available_bytes"), spaceAvailable);
        o.insert(QStringLiteral("writers"), writers.toJson());
    }
    if (refused())
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), refusal.codeName()},
                                                      {QStringLiteral("message"), refusal.message},
                                                      {QStringLiteral("hint"), refusal.hint}});
    return o;
}

qint64 MaintenanceResult::bytesFreed() const
{
    if (before.databaseBytes < 0 || after.databaseBytes < 0)
        return 0;
    return before.databaseBytes + std::max<qint64>(0, before.walBytes) - after.databaseBytes -
           std::max<qint64>(0, after.walBytes);
}

QString MaintenanceResult::statusName(Status status)
{
    switch (status) {
    case Status::Done: return QStringLiteral("done");
    case Status::Refused: return QStringLiteral("refused");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject MaintenanceResult::toJson() const
{
    QJsonObject o = plan.toJson();
    o.insert(QStringLiteral("status"), statusName(status));
    o.insert(QStringLiteral("before"), before.toJson());
    o.insert(QStringLiteral("after"), after.toJson());
    o.insert(QStringLiteral("bytes_freed"), bytesFreed());
    o.insert(QStringLiteral("duration_ms"), durationMs);
    if (!tablesBefore.isEmpty()) {
        o.insert(QStringLiteral("tables_before"), tablesJson(tablesBefore));
        o.insert(QStringLiteral("tables_after"), tablesJson(tablesAfter));
    }
    if (checkpoint.ran)
        o.insert(QStringLiteral("checkpoint"), checkpoint.toJson());
    if (actionPid > 0)
        o.insert(QStringLiteral("action_pid"), actionPid);
    QJsonArray progressSeen;
    for (const ProgressSample &s : progress)
        progressSeen.append(QJsonObject{{QStringLiteral("command"), s.command},
                                        {QStringLiteral("phase"), s.phase},
                                        {QStringLiteral("table"), s.table}});
    if (plan.target.isPostgres())
        o.insert(QStringLiteral("progress_seen"), progressSeen);
    o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    if (error)
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.codeName()},
                                                      {QStringLiteral("message"), error.message},
                                                      {QStringLiteral("hint"), error.hint}});
    else
        o.remove(QStringLiteral("error"));
    return o;
}

QString Maintenance::opName(MaintenanceOp op)
{
    for (const auto &[o, name] : kOps)
        if (o == op)
            return QString::fromLatin1(name);
    return {};
}

bool Maintenance::parseOp(const QString &name, MaintenanceOp *op)
{
    const QString n = name.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const auto &[o, text] : kOps)
        if (n == QLatin1String(text)) {
            *op = o;
            return true;
        }
    return false;
}

QList<MaintenanceOp> Maintenance::opsFor(const QString &engine)
{
    if (engine == QLatin1String("postgresql"))
        return {MaintenanceOp::Vacuum, MaintenanceOp::Analyze, MaintenanceOp::Reindex};
    return {MaintenanceOp::Vacuum, MaintenanceOp::Analyze, MaintenanceOp::Optimize, MaintenanceOp::Checkpoint,
            MaintenanceOp::IncrementalVacuum};
}

Expected<MaintenancePlan> Maintenance::preview(const Target &target, const MaintenanceRequest &request)
{
    if (Error e = targetCheck(target))
        return e;
    return target.isPostgres() ? PgMaintenance::preview(target, request) : SqliteMaintenance::preview(target, request);
}

MaintenanceResult Maintenance::run(const Target &target, const MaintenanceRequest &request, const OpControl &control,
                                   const AuditLog &log)
{
    QElapsedTimer timer;
    timer.start();
    MaintenanceResult result;
    const Error readOnly = IncidentMode::refuse(QStringLiteral("maintenance of %1").arg(target.display()));
    auto plan = readOnly ? Expected<MaintenancePlan>(readOnly) : preview(target, request); // the checks again, now
    if (!plan) {
        result.plan.target = target;
        result.plan.request = request;
        result.error = plan.error();
    } else if (plan->refused()) {
        result.plan = plan.value();
        result.before = plan->sizes;
        result.error = plan->refusal;
    } else {
        result.plan = plan.value();
        spdlog::info("maintenance on {}: {}", target.display().toStdString(),
                     plan->statements.join(QStringLiteral("; ")).toStdString());
        if (target.isPostgres())
            PgMaintenance::run(result, control);
        else
            SqliteMaintenance::run(result, control);
    }
    result.status = statusFor(result.error);
    result.durationMs = timer.elapsed();
    audit(target, request, result, log);
    return result;
}

} // namespace dbops
