#include "cleanup/retentionplan.h"

#include "cleanup/retentionstore.h"
#include "connection/connector.h"

#include <QJsonArray>

namespace dbops {

qint64 RetentionPlan::totalRows() const
{
    qint64 n = 0;
    for (const RetentionMeasure &m : tables)
        n += m.rows;
    return n;
}

qint64 RetentionPlan::bytesEstimate() const
{
    qint64 n = -1;
    for (const RetentionMeasure &m : tables)
        if (m.bytesEstimate >= 0)
            n = (n < 0 ? 0 : n) + m.bytesEstimate;
    return n;
}

QJsonObject RetentionPlan::toJson() const
{
    QJsonArray t;
    for (const RetentionMeasure &m : tables)
        t.append(m.toJson());
    QJsonArray p;
    for (const RetentionPolicy &policy : policies)
        p.append(policy.spec());
    const qint64 bytes = bytesEstimate();
    return {{QStringLiteral("target"), target.display()},
            {QStringLiteral("engine"), target.engine()},
            {QStringLiteral("now"), now.toString(Qt::ISODate)},
            {QStringLiteral("policies"), p},
            {QStringLiteral("tables"), t},
            {QStringLiteral("total_rows"), totalRows()},
            {QStringLiteral("bytes_estimate"), bytes < 0 ? QJsonValue() : QJsonValue(bytes)},
            {QStringLiteral("writers"), writers.toJson()},
            {QStringLiteral("unlocked"), QJsonArray::fromStringList(unlocked)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)}};
}

Error RetentionPlanner::checkProtected(const QList<RetentionPolicy> &policies, const QStringList &unlocked)
{
    for (const RetentionPolicy &p : policies) {
        // Deleting from it, or archiving other rows into it: both change the bot's trading record.
        for (const QString &table : p.protectedTables()) {
            if (unlocked.contains(table, Qt::CaseInsensitive))
                continue;
            const QString what = table == p.table ? QStringLiteral("no retention policy runs on it")
                                                  : QStringLiteral("rows of %1 are not archived into it").arg(p.table);
            return Error::make(
                ErrorCode::Refused,
                QStringLiteral("%1 is a protected table (the bot's trading record): %2").arg(table, what),
                QStringLiteral("if you really mean it, unlock it for this run (--unlock %1)").arg(table));
        }
    }
    return {};
}

Expected<RetentionPlan> RetentionPlanner::plan(const Target &target, const RetentionRequest &request,
                                               const OpControl &control)
{
    if (target.kind != Target::Kind::SqliteFile && target.kind != Target::Kind::Postgres)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("retention runs on one store; %1 is a data directory").arg(target.display()),
                           QStringLiteral("pick the store inside it (--store trading.db)"));
    if (request.policies.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("no retention policy given"),
                           QStringLiteral("give --policy TABLE:COLUMN:KEEP[:ARCHIVE_TABLE]"));
    if (Error e = checkProtected(request.policies, request.unlocked))
        return e;
    RetentionPlan plan;
    plan.target = target;
    plan.now = request.now.isValid() ? request.now.toUTC() : QDateTime::currentDateTimeUtc();
    plan.policies = request.policies;
    plan.unlocked = request.unlocked;

    ScopedConnection connection(target, SessionOptions::monitor(), QStringLiteral("cleanup-plan"));
    if (!connection.ok())
        return connection.error();
    const RetentionStore store(connection.db(), target.isPostgres());
    qint64 step = 0;
    for (const RetentionPolicy &policy : request.policies) {
        if (control.cancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("dry run cancelled"));
        control.report(step++, request.policies.size(), QStringLiteral("counting %1").arg(policy.table));
        auto table = store.resolve(policy, plan.now);
        if (!table)
            return table.error();
        auto measure = store.measure(table.value(), request.estimateSpace);
        if (!measure)
            return measure.error();
        plan.tables << measure.value();
    }
    control.report(step, request.policies.size(), QStringLiteral("checking who uses the store"));
    if (auto writers = WriterActivity::probe(target))
        plan.writers = writers.value();
    if (!target.isPostgres())
        plan.notes << QStringLiteral("SQLite keeps freed pages for reuse: the file shrinks only after VACUUM "
                                     "(Maintenance).");
    return plan;
}

} // namespace dbops
