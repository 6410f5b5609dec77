#pragma once
// Applies a retention plan: optional safety backup, then per table small batches — each its own short
// transaction (SQLite: BEGIN IMMEDIATE with a busy timeout; PostgreSQL: one statement under lock_timeout,
// skipping rows the bot holds) with a pause between them so the bot keeps writing; archived rows move in the
// same transaction as their delete. Cancel stops between batches; the journal lets a later run resume with
// the same cut-offs. Audited. Runs in the calling (worker) thread on its own action connection.
#include "cleanup/retentionplan.h"
#include "ops/backupservice.h"

#include <QMap>

namespace dbops {

struct RetentionApplyOptions {
    int batchRows = 1000;   // the first batch's size; with targetBatchMs 0, every batch's
    int targetBatchMs = 30; // > 0: batch sizes adapt so that each holds the write lock about this long
    int maxBatchRows = 50000;
    int pauseMs = 20;     // between batches: the bot's writes get the lock
    int busyRetries = 30; // a batch that meets the bot's lock is retried (with the pause) this often
    bool safetyBackup = true;
    QString backupDir;    // safety backup folder; empty: the default backup folder
    bool resumed = false; // the plan was rebuilt from an interrupted job's journal
    int maxBatches = 0;   // > 0: stop (as if cancelled) after this many batches — tests and "a little now"
};

struct RetentionResult {
    // Partial: every batch ran, but rows another session held locked were skipped (PostgreSQL's SKIP LOCKED
    // keeps the bot from waiting): they are still there, and --resume deletes them with the same cut-off.
    enum class Status { Done, Partial, Cancelled, Failed };
    Status status = Status::Failed;
    Error error;
    qint64 deleted = 0;
    qint64 archived = 0;
    int batches = 0;
    int lastBatchRows = 0; // the adapted batch size at the end
    QMap<QString, qint64> perTable;
    QMap<QString, qint64> skippedLocked; // expired rows left per table because another session held them
    qint64 skipped() const;
    bool resumed = false;
    bool hasSafetyBackup = false;
    BackupResult safetyBackup;
    double seconds = 0;
    qint64 freedBytes = -1; // SQLite: pages the deletes put on the free list (net of the archive's), × page size

    bool ok() const { return status == Status::Done; }
    static QString statusName(Status s); // "done" | "partial" | "cancelled" | "failed"
    QJsonObject toJson() const;          // status, deleted, archived, batches, per_table, resumed, safety_backup…
};

class RetentionRunner {
public:
    static RetentionResult apply(const RetentionPlan &plan, const RetentionApplyOptions &options,
                                 const OpControl &control = {});
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionResult)
