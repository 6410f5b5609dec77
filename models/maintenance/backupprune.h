#pragma once
// Backup pruning by rules, per store (backups grouped by their manifest's source): keep the newest N, keep
// everything younger than D days, and always keep each store's newest verified backup — whatever its age.
// plan() decides (read-only: every backup with "keep" or "delete" and the reasons); apply() decides again
// (the folder may have changed), deletes what is still due among what the operator confirmed — backup file
// (or folder) and its manifest — and audits each deletion. A backup whose manifest cannot be read is never
// deleted (its store and age are unknown). Leftover partial files of interrupted runs (PartialFiles) are listed
// by plan() and removed by apply() whatever the rules.
#include "audit/auditlog.h"
#include "ops/backupcatalog.h"
#include "ops/partialfiles.h"

#include <QJsonObject>
#include <QMetaType>

namespace dbops {

struct PruneRules {
    int keepLast = -1;    // < 0: no count rule
    double keepDays = -1; // < 0: no age rule
    QString store;        // non-empty: only backups whose source contains this text

    Error validate() const;   // Usage when neither rule is given
    QString describe() const; // "keep_last=3 keep_days=7 keep_newest_verified": JSON and the audit trail
    // For a person: "keeping the 3 newest, those younger than 7 days and the newest verified backup of each store"
    QString sentence() const;
};

struct PruneDecision {
    CatalogEntry entry;
    QString store; // the group: the manifest's source id (or source)
    bool keep = true;
    QStringList reasons; // why kept / why deleted
    QJsonObject toJson(const QDateTime &now) const;
};

struct PrunePlan {
    QString directory;
    PruneRules rules;
    QDateTime now;
    QList<PruneDecision> decisions;   // newest first, every backup of the folder (other stores: kept)
    QList<PartialFile> stalePartials; // leftovers of interrupted runs, removed by apply()
    QList<const PruneDecision *> toDelete() const;
    qint64 bytesToFree() const;
    bool anythingToDo() const { return !toDelete().isEmpty() || !stalePartials.isEmpty(); }
    // status, directory, rules, count, delete_count, bytes_to_free, backups[…], stale_partials[{path, pid, bytes}]
    QJsonObject toJson() const;
};

struct PruneDeletion {
    QString path;
    QString manifestPath;
    qint64 bytes = 0;
    Error error; // none: deleted
};

struct PruneResult {
    PrunePlan plan; // as decided again right before deleting
    QList<PruneDeletion> deletions;
    QList<PartialFile> partialsRemoved;
    int deleted() const;
    int failed() const { return int(deletions.size()) - deleted(); }
    qint64 bytesFreed() const;
    QJsonObject toJson() const;
};

class BackupPrune {
public:
    static Expected<PrunePlan> plan(const QString &directory, const PruneRules &rules,
                                    const QDateTime &now = QDateTime::currentDateTimeUtc());
    static PrunePlan decide(const QList<CatalogEntry> &entries, const PruneRules &rules, const QDateTime &now);
    // `onlyPaths` non-empty: delete only those (the preview the operator confirmed) if still due.
    static Expected<PruneResult> apply(const QString &directory, const PruneRules &rules,
                                       const QStringList &onlyPaths = {}, const AuditLog &audit = AuditLog());
    static QString storeOf(const CatalogEntry &entry);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::PrunePlan)
Q_DECLARE_METATYPE(dbops::PruneResult)
