// The status board's rules for the store itself: table health, migrations, the newest verified backup,
// continuous protection and the disk space left where the store and its backups live.
#include "core/format.h"
#include "ops/backupnaming.h"
#include "status/statusrules.h"

namespace dbops {
namespace {

CheckState fromWord(const QString &status) // "ok" | "warn" | "critical" (health, migrations)
{
    if (status == QLatin1String("critical"))
        return CheckState::Critical;
    if (status == QLatin1String("warn"))
        return CheckState::Warning;
    return CheckState::Ok;
}

StatusCheck diskCheck(const QString &name, const QString &panel, const QString &what, const DiskFacts &disk,
                      const StatusThresholds &t)
{
    StatusCheck c = StatusCheck::named(name, panel, QStringLiteral("bytes"));
    if (!disk.valid || disk.totalBytes <= 0) {
        c.state = CheckState::Unknown;
        c.reason = QStringLiteral("free space of %1 not readable (%2)").arg(what, disk.path);
        return c;
    }
    const double pct = 100.0 * double(disk.freeBytes) / double(disk.totalBytes);
    c.value = disk.freeBytes;
    c.reason =
        QStringLiteral("%1 free for %2 (%3 % of %4)")
            .arg(Format::bytes(disk.freeBytes), what, QString::number(pct, 'f', 0), Format::bytes(disk.totalBytes));
    c.state = pct < t.diskCriticalPct ? CheckState::Critical
              : pct < t.diskWarnPct   ? CheckState::Warning
                                      : CheckState::Ok;
    if (disk.needBytes > 0 && disk.freeBytes < disk.needBytes) {
        c.state = CheckState::Critical;
        c.reason += QStringLiteral("; the next one needs about %1").arg(Format::bytes(disk.needBytes));
    }
    return c;
}

} // namespace

StatusCheck StatusRules::health(const Expected<HealthReport> &report)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("health"), QStringLiteral("health"), QStringLiteral("count"));
    if (!report) {
        c.state = CheckState::Unknown;
        c.reason = QStringLiteral("table health not readable: %1").arg(report.error().message);
        return c;
    }
    c.state = fromWord(report->status());
    const HealthFinding *worst = nullptr;
    int counted = 0;
    for (const HealthFinding &f : report->findings) {
        if (f.severity == FindingSeverity::Info)
            continue;
        ++counted;
        if (!worst || f.severity > worst->severity)
            worst = &f;
    }
    c.value = counted;
    if (!worst) {
        c.reason = QStringLiteral("%1 table(s), no warnings (quick scan)").arg(report->tables.size());
        return c;
    }
    c.reason = (worst->table.isEmpty() ? worst->message : QStringLiteral("%1: %2").arg(worst->table, worst->message));
    if (counted > 1)
        c.reason += QStringLiteral(" (and %1 more finding(s))").arg(counted - 1);
    return c;
}

StatusCheck StatusRules::migrations(const Overview &overview)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("migrations"), QStringLiteral("migrations"), QString());
    c.state = fromWord(overview.schemaStatus);
    QString line = overview.schema;
    if (line.startsWith(QLatin1String("schema: ")))
        line = line.mid(8);
    c.reason = line.isEmpty() ? QStringLiteral("not read") : line;
    if (overview.schema.isEmpty())
        c.state = CheckState::Unknown;
    return c;
}

StatusCheck StatusRules::backup(const Expected<QList<CatalogEntry>> &catalog, const QString &sourceId,
                                const QString &dir, const StatusRequest &request)
{
    StatusCheck c = StatusCheck::named(QStringLiteral("backup"), QStringLiteral("backups"), QStringLiteral("seconds"));
    if (!catalog) {
        c.state = CheckState::Critical;
        c.reason = QStringLiteral("no backup folder: %1").arg(catalog.error().message);
        return c;
    }
    const CatalogEntry *newest = nullptr;
    const CatalogEntry *newestVerified = nullptr;
    for (const CatalogEntry &e : catalog.value()) { // newest first
        if (!BackupNaming::sameSource(e.manifest.sourceId, sourceId) || e.fileMissing ||
            e.manifest.kind == QLatin1String("datadir-member"))
            continue;
        if (!newest)
            newest = &e;
        if (!newestVerified && e.state == Verification::State::Verified && !e.manifest.sourceCorrupt)
            newestVerified = &e;
    }
    const StatusThresholds &t = request.thresholds;
    if (!newestVerified) {
        c.state = CheckState::Critical;
        c.reason = newest ? QStringLiteral("no verified backup; the newest (%1) is %2 — verify it (Backups tab)")
                                .arg(Format::age(newest->manifest.createdAt, request.now), newest->stateName())
                          : QStringLiteral("no backup of this store in %1").arg(dir);
        return c;
    }
    const qint64 age = newestVerified->ageSeconds(request.now);
    c.value = age;
    c.state = age > t.backupCriticalSeconds ? CheckState::Critical
              : age > t.backupWarnSeconds   ? CheckState::Warning
                                            : CheckState::Ok;
    c.reason =
        QStringLiteral("newest verified backup %1 (%2)")
            .arg(Format::age(newestVerified->manifest.createdAt, request.now), Format::bytes(newestVerified->bytes()));
    if (newest != newestVerified)
        c.reason += QStringLiteral("; a newer one is %1").arg(newest->stateName());
    return c;
}

StatusCheck StatusRules::storeDisk(const DiskFacts &disk, const StatusThresholds &t)
{
    return diskCheck(QStringLiteral("store_disk"), QStringLiteral("cleanup"), QStringLiteral("the store"), disk, t);
}

StatusCheck StatusRules::storeDiskRemote()
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("store_disk"), QStringLiteral("cleanup"), QStringLiteral("bytes"));
    c.state = CheckState::Neutral;
    c.reason = QStringLiteral("on the database server (not visible from here)");
    return c;
}

StatusCheck StatusRules::backupDisk(const DiskFacts &disk, const StatusThresholds &t)
{
    return diskCheck(QStringLiteral("backup_disk"), QStringLiteral("backups"), QStringLiteral("backups"), disk, t);
}

} // namespace dbops
