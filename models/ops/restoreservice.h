#pragma once
// The second half of a restore: carries out a RestorePlan the operator has seen and confirmed.
//   1. the typed confirmation must match the destination's name; the backup must still be the verified,
//      unchanged file of the plan;
//   2. the store is probed for writers again (the preview may be minutes old): refused, naming them, unless
//      forced;
//   3. a safety backup of the current state (BackupService, kind "safety", in the backup catalog);
//   4. the restore itself (SqliteRestore / PgRestore: one transaction, so a cancel, failure or kill leaves
//      the store as it was);
//   5. verified after (integrity and row counts equal the backup's manifest);
//   6. an audit record, whatever the outcome.
//
// From the GUI: RestoreJobs (restorejobs.h) wraps plan() and apply() as DbWorker jobs.
#include "ops/backupservice.h"
#include "ops/restoreplan.h"

#include <QJsonObject>
#include <QMetaType>

namespace dbops {

struct RestoreOptions {
    bool force = false;   // go on although writers were found
    QString confirmation; // must equal RestorePlan::confirmationName() (the GUI's typed confirmation)
    bool audit = true;
};

struct RestoreResult {
    enum class Status { Restored, Refused, Failed, Cancelled };
    Status status = Status::Failed;
    Error error;          // why it was refused / failed / cancelled (also set when verification after failed)
    QString destination;  // display form
    WriterReport writers; // as found just before the restore
    bool forced = false;  // writers were found and the operator forced it
    bool hasSafetyBackup = false;
    BackupResult safetyBackup;
    bool verifiedAfter = false;
    QStringList problemsAfter;
    QStringList movedAfter; // forced past writers: row counts that moved on after the restore (not problems)
    qint64 durationMs = 0;
    qint64 safetyMs = 0;  // the safety backup
    qint64 restoreMs = 0; // the restore itself
    qint64 verifyMs = 0;  // verification afterwards
    // Data directory: one result per store, in order (a store not attempted after an earlier failure is absent).
    QList<RestoreResult> members;
    QString relativePath; // a member: the store's path relative to the data directory

    bool ok() const { return status == Status::Restored && verifiedAfter; }
    // Restored but failing its check, with the state before it kept in a safety backup: putting that backup back
    // is the way out, offered in one click by the GUI and printed as a command by the CLI.
    bool undoable() const { return status == Status::Restored && !verifiedAfter && hasSafetyBackup; }
    // The command that restores the safety backup into `target` (shell-quoted, no password); empty unless
    // undoable().
    QString undoCommand(const Target &target) const;
    static QString statusName(Status status); // "restored" | "refused" | "failed" | "cancelled"
    QJsonObject toJson() const;               // status, destination, writers, forced, safety_backup, verified_after,
                                // problems_after, duration_ms, timings {safety_ms, restore_ms, verify_ms}, error;
                                // undoable, undo_command (with the target's spec) are added by the caller
};

class RestoreService {
public:
    static RestoreResult apply(const RestorePlan &plan, const RestoreOptions &options, const OpControl &control);

    // The steps of apply(), also taken store by store by DataDirRestore.
    // The safety backup of plan.target into plan.request.safetyDir (kind "safety"), recorded in `result`.
    static Error takeSafetyBackup(const RestorePlan &plan, const OpControl &control, RestoreResult &result);
    // The restore itself: SQLite into the live file (backup API) or a new file, PostgreSQL via pg_restore.
    // `*moved` (when given): the scratch backup was renamed into the new file (RestoreRequest::backupIsScratch).
    static Error restoreData(const RestorePlan &plan, const OpControl &control, bool *moved = nullptr);
    // Problems after the restore; count differences go to *moving when given (forced past writers). `moved`: the
    // destination is the verified scratch file itself, renamed.
    static QStringList checkAfter(const RestorePlan &plan, const OpControl &control, QStringList *moving,
                                  bool moved = false);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RestoreResult)
