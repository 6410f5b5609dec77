#include "maintenance/backupprune.h"

#include "core/incidentmode.h"
#include "core/paths.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

constexpr int kSafetyKeepDays = 7;

void decideStore(QList<PruneDecision *> &group, const PruneRules &rules, const QDateTime &now)
{
    // The group is newest first. The newest verified backup stays whatever the rules say.
    PruneDecision *newestVerified = nullptr;
    for (PruneDecision *d : group)
        if (d->entry.state == Verification::State::Verified) {
            newestVerified = d;
            break;
        }
    for (int rank = 0; rank < group.size(); ++rank) {
        PruneDecision &d = *group[rank];
        const qint64 age = d.entry.ageSeconds(now);
        QStringList keepWhy, deleteWhy;
        if (rules.keepLast >= 0) {
            if (rank < rules.keepLast)
                keepWhy << QStringLiteral("one of the %1 newest of its store").arg(rules.keepLast);
            else
                deleteWhy
                    << QStringLiteral("number %1 of its store, beyond the %2 newest").arg(rank + 1).arg(rules.keepLast);
        }
        if (rules.keepDays >= 0) {
            const QString ageText = QStringLiteral("%1 days old").arg(age / 86400.0, 0, 'f', 1);
            if (age >= 0 && age < rules.keepDays * 86400)
                keepWhy << QStringLiteral("younger than %1 days").arg(rules.keepDays);
            else
                deleteWhy << QStringLiteral("older than %1 days (%2)").arg(rules.keepDays).arg(ageText);
        }
        if (&d == newestVerified)
            keepWhy.prepend(QStringLiteral("newest verified backup of its store (always kept)"));
        // The undo of a recent restore or cleanup: whatever the rules, until it is a week old.
        if (d.entry.manifest.kind == QLatin1String("safety") && age >= 0 && age < kSafetyKeepDays * 86400)
            keepWhy.prepend(QStringLiteral("safety backup taken before a restore or cleanup, kept for %1 days "
                                           "whatever the rules (the undo of that change)")
                                .arg(kSafetyKeepDays));
        d.keep = !keepWhy.isEmpty();
        d.reasons = d.keep ? keepWhy : deleteWhy;
    }
}

Error removeBackup(const CatalogEntry &e)
{
    // Every deletion passes here: in incident mode none happens, whoever asked.
    if (Error refused = IncidentMode::refuse(QStringLiteral("deleting the backup %1").arg(e.path)))
        return refused;
    const QFileInfo file(e.path);
    if (file.isDir() && !file.isSymLink()) {
        if (e.manifest.engine != QLatin1String("datadir"))
            return Error::make(
                ErrorCode::Refused,
                QStringLiteral("%1 is a folder but its manifest is not a data directory backup's").arg(e.path),
                QStringLiteral("remove it by hand if it is really a backup"));
        if (!QDir(e.path).removeRecursively())
            return Error::make(ErrorCode::Io, QStringLiteral("could not remove the backup folder %1").arg(e.path),
                               QStringLiteral("check its permissions"));
    } else if (file.exists() || file.isSymLink()) {
        if (!QFile::remove(e.path))
            return Error::make(ErrorCode::Io, QStringLiteral("could not remove the backup %1").arg(e.path),
                               QStringLiteral("check the folder's permissions"));
    }
    if (QFileInfo::exists(e.manifestPath) && !QFile::remove(e.manifestPath))
        return Error::make(ErrorCode::Io,
                           QStringLiteral("removed %1 but not its manifest %2").arg(e.path, e.manifestPath),
                           QStringLiteral("remove the manifest by hand"));
    return {};
}

} // namespace

Error PruneRules::validate() const
{
    if (keepLast < 0 && keepDays < 0)
        return Error::make(ErrorCode::Usage, QStringLiteral("no pruning rule given"),
                           QStringLiteral("--keep-last N and/or --keep-days D"));
    return {};
}

QString PruneRules::describe() const
{
    QStringList parts;
    if (keepLast >= 0)
        parts << QStringLiteral("keep_last=%1").arg(keepLast);
    if (keepDays >= 0)
        parts << QStringLiteral("keep_days=%1").arg(keepDays);
    if (!store.isEmpty())
        parts << QStringLiteral("store=") + store;
    parts << QStringLiteral("keep_newest_verified");
    return parts.join(QLatin1Char(' '));
}

QString PruneRules::sentence() const
{
    QStringList kept;
    if (keepLast >= 0)
        kept << QStringLiteral("the %1 newest").arg(keepLast);
    if (keepDays >= 0)
        kept << QStringLiteral("those younger than %1 day%2").arg(keepDays).arg(keepDays == 1 ? "" : "s");
    kept << QStringLiteral("the newest verified backup");
    const QString last = kept.takeLast();
    QString text = QStringLiteral("keeping ") +
                   (kept.isEmpty() ? last : kept.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last);
    text += QStringLiteral(" of each store");
    if (!store.isEmpty())
        text += QStringLiteral(", stores matching \"%1\" only").arg(store);
    return text;
}

QJsonObject PruneDecision::toJson(const QDateTime &now) const
{
    QJsonObject o = entry.toJson(now);
    o.insert(QStringLiteral("store"), store);
    o.insert(QStringLiteral("action"), keep ? QStringLiteral("keep") : QStringLiteral("delete"));
    o.insert(QStringLiteral("reasons"), QJsonArray::fromStringList(reasons));
    return o;
}

QList<const PruneDecision *> PrunePlan::toDelete() const
{
    QList<const PruneDecision *> list;
    for (const PruneDecision &d : decisions)
        if (!d.keep)
            list << &d;
    return list;
}

qint64 PrunePlan::bytesToFree() const
{
    qint64 total = 0;
    for (const PruneDecision *d : toDelete())
        total += std::max<qint64>(0, d->entry.bytes());
    return total;
}

QJsonObject PrunePlan::toJson() const
{
    QJsonArray list;
    for (const PruneDecision &d : decisions)
        list.append(d.toJson(now));
    QJsonArray doomed;
    for (const PruneDecision *d : toDelete())
        doomed.append(d->entry.path);
    QJsonArray partials;
    for (const PartialFile &p : stalePartials)
        partials.append(QJsonObject{
            {QStringLiteral("path"), p.path}, {QStringLiteral("pid"), p.pid}, {QStringLiteral("bytes"), p.bytes}});
    return {{QStringLiteral("status"), QStringLiteral("preview")},
            {QStringLiteral("directory"), directory},
            {QStringLiteral("rules"), rules.describe()},
            {QStringLiteral("keep_last"), rules.keepLast >= 0 ? QJsonValue(rules.keepLast) : QJsonValue()},
            {QStringLiteral("keep_days"), rules.keepDays >= 0 ? QJsonValue(rules.keepDays) : QJsonValue()},
            {QStringLiteral("count"), list.size()},
            {QStringLiteral("delete_count"), doomed.size()},
            {QStringLiteral("keep_count"), list.size() - doomed.size()},
            {QStringLiteral("bytes_to_free"), bytesToFree()},
            {QStringLiteral("to_delete"), doomed},
            {QStringLiteral("stale_partials"), partials},
            {QStringLiteral("backups"), list}};
}

int PruneResult::deleted() const
{
    return int(std::count_if(deletions.cbegin(), deletions.cend(), [](const PruneDeletion &d) { return !d.error; }));
}

qint64 PruneResult::bytesFreed() const
{
    qint64 total = 0;
    for (const PruneDeletion &d : deletions)
        total += d.error ? 0 : d.bytes;
    return total;
}

QJsonObject PruneResult::toJson() const
{
    QJsonObject o = plan.toJson();
    QJsonArray list;
    for (const PruneDeletion &d : deletions) {
        QJsonObject r{{QStringLiteral("path"), d.path},
                      {QStringLiteral("manifest"), d.manifestPath},
                      {QStringLiteral("bytes"), d.bytes},
                      {QStringLiteral("outcome"), d.error ? QStringLiteral("failed") : QStringLiteral("deleted")}};
        if (d.error)
            r.insert(QStringLiteral("error"), d.error.oneLine());
        list.append(r);
    }
    o.insert(QStringLiteral("status"), failed() == 0 ? QStringLiteral("pruned") : QStringLiteral("failed"));
    o.insert(QStringLiteral("deleted"), deleted());
    o.insert(QStringLiteral("failed"), failed());
    o.insert(QStringLiteral("bytes_freed"), bytesFreed());
    o.insert(QStringLiteral("deletions"), list);
    QJsonArray partials;
    for (const PartialFile &p : partialsRemoved)
        partials.append(p.path);
    o.insert(QStringLiteral("partials_removed"), partials);
    return o;
}

QString BackupPrune::storeOf(const CatalogEntry &entry)
{
    return entry.manifest.sourceId.isEmpty() ? entry.manifest.source : entry.manifest.sourceId;
}

PrunePlan BackupPrune::decide(const QList<CatalogEntry> &entries, const PruneRules &rules, const QDateTime &now)
{
    PrunePlan plan;
    plan.rules = rules;
    plan.now = now;
    for (const CatalogEntry &e : entries) {
        PruneDecision d;
        d.entry = e;
        d.store = storeOf(e);
        if (e.isBot())
            d.reasons << QStringLiteral("the bot's own backup: its retention is the bot's, never pruned by dbops");
        else if (e.manifestUnreadable)
            d.reasons << QStringLiteral("manifest unreadable: its store and age are unknown, never pruned");
        else if (e.manifest.engine == QLatin1String("pgbackrest"))
            d.reasons << QStringLiteral("dbops's record of a pgBackRest backup: the backup lives in pgBackRest's "
                                        "repository and its retention is pgBackRest's (repo1-retention-full), "
                                        "never pruned by dbops");
        else if (!rules.store.isEmpty() && !d.store.contains(rules.store) && !e.manifest.source.contains(rules.store))
            d.reasons << QStringLiteral("another store");
        plan.decisions << d;
    }
    // Newest first (as the catalog lists them); group the prunable ones by store.
    std::stable_sort(plan.decisions.begin(), plan.decisions.end(), [](const PruneDecision &a, const PruneDecision &b) {
        return a.entry.manifest.createdAt > b.entry.manifest.createdAt;
    });
    QHash<QString, QList<PruneDecision *>> groups;
    QStringList order;
    for (PruneDecision &d : plan.decisions) {
        if (!d.reasons.isEmpty())
            continue;
        if (!groups.contains(d.store))
            order << d.store;
        groups[d.store] << &d;
    }
    for (const QString &store : order)
        decideStore(groups[store], rules, now);
    return plan;
}

Expected<PrunePlan> BackupPrune::plan(const QString &directory, const PruneRules &rules, const QDateTime &now)
{
    if (Error e = rules.validate())
        return e;
    auto entries = BackupCatalog::list(directory);
    if (!entries)
        return entries.error();
    PrunePlan p = decide(entries.value(), rules, now);
    p.directory = directory.isEmpty() ? Paths::defaultBackupDir() : QFileInfo(directory).absoluteFilePath();
    p.stalePartials = PartialFiles::stale(p.directory);
    return p;
}

Expected<PruneResult> BackupPrune::apply(const QString &directory, const PruneRules &rules,
                                         const QStringList &onlyPaths, const AuditLog &audit)
{
    if (Error refused = IncidentMode::refuse(QStringLiteral("pruning backups")))
        return refused;
    auto fresh = plan(directory, rules);
    if (!fresh)
        return fresh.error();
    PruneResult result;
    result.plan = fresh.value();
    result.partialsRemoved = PartialFiles::removeStale(result.plan.directory);
    if (!result.partialsRemoved.isEmpty()) {
        AuditRecord r;
        r.target = result.plan.directory;
        r.action = QStringLiteral("prune-partials");
        r.outcome = QStringLiteral("ok");
        QStringList names;
        for (const PartialFile &p : result.partialsRemoved)
            names << QStringLiteral("%1 (pid %2, %3 bytes)").arg(QFileInfo(p.path).fileName()).arg(p.pid).arg(p.bytes);
        r.detail = QStringLiteral("leftovers of interrupted runs: ") + names.join(QStringLiteral(", "));
        if (Error e = audit.append(r))
            spdlog::warn("could not write the audit record: {}", e.oneLine().toStdString());
    }
    for (const PruneDecision *d : result.plan.toDelete()) {
        if (!onlyPaths.isEmpty() && !onlyPaths.contains(d->entry.path))
            continue;
        PruneDeletion del{d->entry.path, d->entry.manifestPath, std::max<qint64>(0, d->entry.bytes()),
                          removeBackup(d->entry)};
        AuditRecord r;
        r.target = d->store;
        r.action = QStringLiteral("prune-backup");
        r.parameters = QStringLiteral("path=%1 %2").arg(d->entry.path, rules.describe());
        r.outcome = del.error ? QStringLiteral("failed") : QStringLiteral("ok");
        r.detail = del.error ? del.error.oneLine() : d->reasons.join(QStringLiteral("; "));
        if (Error e = audit.append(r))
            spdlog::warn("could not write the audit record: {}", e.oneLine().toStdString());
        result.deletions << del;
    }
    return result;
}

} // namespace dbops
