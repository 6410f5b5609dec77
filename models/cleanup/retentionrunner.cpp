#include "cleanup/retentionrunner.h"

#include "audit/auditlog.h"
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionstore.h"
#include "connection/connector.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QThread>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

void audit(const RetentionPlan &plan, const RetentionResult &result)
{
    AuditRecord r;
    r.target = plan.target.display();
    r.action = QStringLiteral("cleanup");
    QStringList params;
    for (const RetentionPolicy &p : plan.policies)
        params << QStringLiteral("policy=%1").arg(p.spec());
    params << QStringLiteral("now=%1").arg(plan.now.toString(Qt::ISODate));
    for (const QString &u : plan.unlocked)
        params << QStringLiteral("unlock=%1").arg(u);
    if (result.resumed)
        params << QStringLiteral("resumed");
    if (result.hasSafetyBackup)
        params << QStringLiteral("safety=%1").arg(result.safetyBackup.path);
    r.parameters = params.join(QLatin1Char(' '));
    r.outcome = result.status == RetentionResult::Status::Done        ? QStringLiteral("ok")
                : result.status == RetentionResult::Status::Cancelled ? QStringLiteral("cancelled")
                                                                      : QStringLiteral("failed");
    QStringList detail;
    for (auto it = result.perTable.begin(); it != result.perTable.end(); ++it)
        detail << QStringLiteral("%1: %2 rows deleted").arg(it.key()).arg(it.value());
    if (result.error)
        detail << result.error.oneLine();
    r.detail = detail.join(QStringLiteral("; "));
    AuditLog().append(r);
}

} // namespace

QString RetentionResult::statusName(Status s)
{
    switch (s) {
    case Status::Done: return QStringLiteral("done");
    case Status::Cancelled: return QStringLiteral("cancelled");
    case Status::Failed: break;
    }
    return QStringLiteral("failed");
}

QJsonObject RetentionResult::toJson() const
{
    QJsonObject per;
    for (auto it = perTable.begin(); it != perTable.end(); ++it)
        per.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("status"), statusName(status)},
                  {QStringLiteral("deleted"), deleted},
                  {QStringLiteral("archived"), archived},
                  {QStringLiteral("batches"), batches},
                  {QStringLiteral("last_batch_rows"), lastBatchRows},
                  {QStringLiteral("per_table"), per},
                  {QStringLiteral("resumed"), resumed},
                  {QStringLiteral("seconds"), seconds},
                  {QStringLiteral("safety_backup"), hasSafetyBackup ? QJsonValue(safetyBackup.path) : QJsonValue()}};
    if (error)
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.codeName()},
                                                      {QStringLiteral("message"), error.message},
                                                      {QStringLiteral("hint"), error.hint}});
    return o;
}

RetentionResult RetentionRunner::apply(const RetentionPlan &plan, const RetentionApplyOptions &options,
                                       const OpControl &control)
{
    QElapsedTimer clock;
    clock.start();
    RetentionResult result;
    result.resumed = options.resumed;
    auto finish = [&](RetentionResult::Status status, const Error &error = {}) {
        result.status = status;
        result.error = error;
        result.seconds = clock.elapsed() / 1000.0;
        if (status == RetentionResult::Status::Done)
            RetentionJournal::remove(plan.target);
        audit(plan, result);
        spdlog::info("cleanup of {}: {} ({} rows deleted in {} batches)", plan.target.display().toStdString(),
                     RetentionResult::statusName(status).toStdString(), result.deleted, result.batches);
        return result;
    };
    if (Error e = RetentionPlanner::checkProtected(plan.policies, plan.unlocked))
        return finish(RetentionResult::Status::Failed, e);

    if (options.safetyBackup) {
        control.report(0, 0, QStringLiteral("safety backup"));
        BackupRequest request;
        request.outDir = options.backupDir;
        request.kind = QStringLiteral("safety");
        auto backup = BackupService::backup(plan.target, request, control);
        if (!backup)
            return finish(backup.error().code == ErrorCode::Cancelled ? RetentionResult::Status::Cancelled
                                                                      : RetentionResult::Status::Failed,
                          backup.error());
        result.hasSafetyBackup = true;
        result.safetyBackup = backup.value();
    }

    RetentionJournal journal;
    journal.target = plan.target.display();
    journal.now = plan.now;
    journal.startedAt = QDateTime::currentDateTimeUtc();
    for (const RetentionPolicy &p : plan.policies)
        journal.policies << p.spec();
    if (Error e = journal.save(plan.target))
        return finish(RetentionResult::Status::Failed, e);

    ScopedConnection connection(plan.target, SessionOptions::action(), QStringLiteral("cleanup"));
    if (!connection.ok())
        return finish(RetentionResult::Status::Failed, connection.error());
    if (!plan.target.isPostgres()) {
        // In WAL mode a commit need not wait for fsync: a power cut can only bring back rows of the last batches
        // (the next run deletes them again); the file stays consistent. In rollback-journal mode: left FULL.
        QSqlQuery mode(connection.db());
        if (mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next() &&
            mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
            QSqlQuery(connection.db()).exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    }
    const RetentionStore store(connection.db(), plan.target.isPostgres());
    int batchRows = std::max(1, options.batchRows);
    const qint64 total = std::max<qint64>(plan.totalRows(), 1);
    QElapsedTimer sinceSave;
    sinceSave.start();

    for (const RetentionPolicy &policy : plan.policies) {
        auto table = store.resolve(policy, plan.now);
        if (!table)
            return finish(RetentionResult::Status::Failed, table.error());
        const QString label = table->label();
        qint64 &done = result.perTable[label];
        int busy = 0;
        QVariant cursor;
        for (;;) {
            if (control.cancelled() || (options.maxBatches > 0 && result.batches >= options.maxBatches)) {
                journal.save(plan.target);
                return finish(RetentionResult::Status::Cancelled,
                              Error::make(ErrorCode::Cancelled,
                                          QStringLiteral("cleanup stopped after %1 rows; every finished batch "
                                                         "stays deleted")
                                              .arg(result.deleted),
                                          QStringLiteral("run it again with --resume to finish with the same "
                                                         "cut-off")));
            }
            QElapsedTimer batchClock;
            batchClock.start();
            auto deleted = store.deleteBatch(table.value(), batchRows, &cursor);
            if (!deleted) {
                if ((deleted.error().code == ErrorCode::Busy || deleted.error().code == ErrorCode::Timeout) &&
                    ++busy <= options.busyRetries) {
                    QThread::msleep(std::max(options.pauseMs, 50) * busy);
                    continue;
                }
                journal.save(plan.target);
                return finish(RetentionResult::Status::Failed, deleted.error());
            }
            busy = 0;
            if (deleted.value() == 0)
                break;
            if (options.targetBatchMs > 0 && deleted.value() == batchRows) {
                // Aim the next batch at the target lock time; move halfway to avoid see-sawing.
                const double ms = std::max<qint64>(1, batchClock.elapsed());
                const int aimed = int(batchRows * options.targetBatchMs / ms);
                batchRows = std::clamp((batchRows + aimed) / 2, 50, std::max(50, options.maxBatchRows));
            }
            result.lastBatchRows = batchRows;
            ++result.batches;
            done += deleted.value();
            result.deleted += deleted.value();
            if (policy.archives())
                result.archived += deleted.value();
            journal.deleted[label] = journal.deleted.value(label) + deleted.value();
            if (sinceSave.elapsed() > 1000) {
                journal.save(plan.target);
                sinceSave.restart();
            }
            control.report(std::min(result.deleted, total), total,
                           QStringLiteral("%1: %2 rows deleted").arg(label).arg(done));
            if (options.pauseMs > 0)
                QThread::msleep(options.pauseMs);
        }
    }
    control.report(total, total, QStringLiteral("done"));
    return finish(RetentionResult::Status::Done);
}

} // namespace dbops
