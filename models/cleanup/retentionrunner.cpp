#include "cleanup/retentionrunner.h"

#include "core/incidentmode.h"

#include "audit/auditlog.h"
#include "cleanup/retentionjournal.h"
#include "cleanup/retentionstore.h"
#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

// Bytes on a SQLite file's free list (pages a delete released for reuse); -1 when unknown.
qint64 freeListBytes(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("cleanup_session", "freelist_bytes")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

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
                : result.status == RetentionResult::Status::Partial   ? QStringLiteral("partial")
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
    case Status::Partial: return QStringLiteral("partial");
    case Status::Cancelled: return QStringLiteral("cancelled");
    case Status::Failed: break;
    }
    return QStringLiteral("failed");
}

qint64 RetentionResult::skipped() const
{
    qint64 n = 0;
    for (qint64 rows : skippedLocked)
        n += rows;
    return n;
}

QJsonObject RetentionResult::toJson() const
{
    QJsonObject per;
    for (auto it = perTable.begin(); it != perTable.end(); ++it)
        per.insert(it.key(), it.value());
    QJsonObject skippedPer;
    for (auto it = skippedLocked.begin(); it != skippedLocked.end(); ++it)
        skippedPer.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("status"), statusName(status)},
                  {QStringLiteral("deleted"), deleted},
                  {QStringLiteral("archived"), archived},
                  {QStringLiteral("batches"), batches},
                  {QStringLiteral("last_batch_rows"), lastBatchRows},
                  {QStringLiteral("per_table"), per},
                  {QStringLiteral("skipped_locked"), skipped()},
                  {QStringLiteral("skipped_locked_per_table"), skippedPer},
                  {QStringLiteral("resumed"), resumed},
                  {QStringLiteral("seconds"), seconds},
                  {QStringLiteral("freed_bytes"), freedBytes >= 0 ? QJsonValue(freedBytes) : QJsonValue()},
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
    std::function<qint64()> freeBytesNow; // SQLite, once the apply's session is open
    qint64 freeBefore = -1;
    auto finish = [&](RetentionResult::Status status, const Error &error = {}) {
        if (freeBytesNow && freeBefore >= 0)
            if (const qint64 after = freeBytesNow(); after >= 0)
                result.freedBytes = std::max<qint64>(0, after - freeBefore);
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
    if (Error e = IncidentMode::refuse(QStringLiteral("cleanup of %1").arg(plan.target.display())))
        return finish(RetentionResult::Status::Failed, e);
    if (Error e = RetentionPlanner::checkProtected(plan.policies, plan.unlocked))
        return finish(RetentionResult::Status::Failed, e);

    if (options.safetyBackup) {
        control.report(0, 0, QStringLiteral("safety backup"));
        BackupRequest request;
        request.outDir = options.backupDir;
        request.kind = QStringLiteral("safety");
        request.precedes = QStringLiteral("cleanup");
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
    bool wal = false;
    if (!plan.target.isPostgres()) {
        QSqlQuery mode(connection.db());
        wal = mode.exec(SqlText::sqlite("common", "journal_mode")) && mode.next() &&
              mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
        mode.finish();
        if (wal) {
            // A commit need not wait for fsync: a power cut can only bring back rows of the last batches (the
            // next run deletes them again); the file stays consistent. In rollback-journal mode: left FULL.
            QSqlQuery(connection.db()).exec(SqlText::sqlite("cleanup_session", "synchronous_normal"));
            // Checkpoints run in the pauses (see pauseAfterBatch), never inside a batch's commit, so that the
            // batch's clock measures only the time the write lock is held.
            QSqlQuery(connection.db()).exec(SqlText::sqlite("cleanup_session", "no_autocheckpoint"));
        }
        freeBytesNow = [&connection] { return freeListBytes(connection.db()); };
        freeBefore = freeBytesNow();
    }
    // Between batches the write lock is free for the bot. In WAL mode the pause starts with a PASSIVE
    // checkpoint of what the batch wrote (it takes no write lock, so the bot's commits go on meanwhile) and
    // sleeps the rest, so the WAL stays small and the bot's own commits never inherit a big checkpoint.
    auto pauseAfterBatch = [&] {
        QElapsedTimer pause;
        pause.start();
        if (wal)
            QSqlQuery(connection.db()).exec(SqlText::sqlite("common", "wal_checkpoint_passive"));
        const qint64 left = options.pauseMs - pause.elapsed();
        if (left > 0)
            QThread::msleep(std::uint64_t(left));
    };
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
            qint64 lockedMs = -1;
            const QVariant before = cursor;
            auto deleted = store.deleteBatch(table.value(), batchRows, &cursor, &lockedMs);
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
            if (deleted.value() == 0 && cursor == before)
                break;
            if (options.targetBatchMs > 0 && deleted.value() == batchRows) {
                // Aim the next batch at the target lock time; move halfway to avoid see-sawing.
                const double ms = std::max<qint64>(1, lockedMs >= 0 ? lockedMs : batchClock.elapsed());
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
            pauseAfterBatch();
        }
        // PostgreSQL batches skip rows another session holds locked: what expired and is still there.
        if (plan.target.isPostgres())
            if (auto left = store.measure(table.value(), false); left && left->rows > 0)
                result.skippedLocked[label] = left->rows;
    }
    control.report(total, total, QStringLiteral("done"));
    if (result.skipped() > 0) {
        journal.save(plan.target);
        return finish(RetentionResult::Status::Partial,
                      Error::make(ErrorCode::Busy,
                                  QStringLiteral("%1 expired row(s) were held locked by another session and skipped "
                                                 "(%2): they are still there")
                                      .arg(result.skipped())
                                      .arg(result.skippedLocked.keys().join(QStringLiteral(", "))),
                                  QStringLiteral("run the cleanup again with --resume once the bot released them "
                                                 "(same cut-off)")));
    }
    return finish(RetentionResult::Status::Done);
}

} // namespace dbops
