// The bundle's sections about the store itself: what it is, its tables' health, its schema, its backups.
#include "connection/profilestore.h"
#include "core/format.h"
#include "incident/incidentsections.h"
#include "ops/backupcatalog.h"
#include "ops/backupnaming.h"
#include "probe/overview.h"
#include "schema/healthscan.h"
#include "schema/migrationprobe.h"

#include <QJsonArray>

namespace dbops {

namespace {

QString migrationsFolderFor(const Target &target)
{
    if (target.profileName.isEmpty())
        return {};
    const auto profile = ProfileStore().find(target.profileName);
    return profile ? profile->migrationsDir : QString();
}

// A backup of this target: the same source, or (data directory) one of the stores under it.
bool belongsTo(const CatalogEntry &e, const Target &target, const QString &sourceId)
{
    if (BackupNaming::sameSource(e.manifest.sourceId, sourceId))
        return true;
    return target.kind == Target::Kind::DataDir && e.manifest.sourceId.startsWith(sourceId + QLatin1Char('/'));
}

QJsonObject restoreWindow(const QList<CatalogEntry> &mine, const QDateTime &now)
{
    QDateTime oldest, newest;
    int verified = 0;
    for (const CatalogEntry &e : mine) {
        if (e.state != Verification::State::Verified || e.manifest.sourceCorrupt)
            continue;
        ++verified;
        const QDateTime at = e.manifest.createdAt;
        oldest = !oldest.isValid() || at < oldest ? at : oldest;
        newest = !newest.isValid() || at > newest ? at : newest;
    }
    return {{QStringLiteral("verified_backups"), verified},
            {QStringLiteral("oldest_verified"), oldest.isValid() ? oldest.toString(Qt::ISODate) : QString()},
            {QStringLiteral("newest_verified"), newest.isValid() ? newest.toString(Qt::ISODate) : QString()},
            {QStringLiteral("newest_verified_age_seconds"),
             newest.isValid() ? QJsonValue(double(newest.secsTo(now))) : QJsonValue()}};
}

} // namespace

IncidentSection IncidentSections::overview()
{
    return IncidentSection::json(QStringLiteral("overview"), QStringLiteral("Store"),
                                 [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
                                     auto o = OverviewProbe::collect(ctx.target(), SessionOptions::monitor(), true);
                                     if (!o)
                                         return o.error();
                                     ctx.serverVersion = o->version;
                                     return IncidentSection::Data{
                                         o->toJson(), QStringLiteral("%1 %2, %3, %4 table(s)")
                                                          .arg(o->engine, o->version, Format::bytes(o->sizeBytes))
                                                          .arg(o->tables.size())};
                                 });
}

IncidentSection IncidentSections::health()
{
    return IncidentSection::json(
        QStringLiteral("health"), QStringLiteral("Table health"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            // No history file: capturing evidence adds no point to the growth chart.
            const HealthScanRequest request{ctx.target(), SessionOptions::monitor(), HealthOptions{}, {}};
            auto scan = HealthScan::run(request, ctx.control);
            if (!scan)
                return scan.error();
            const HealthReport &r = scan->report;
            return IncidentSection::Data{r.toJson(), QStringLiteral("%1 table(s), %2 finding(s): %3")
                                                         .arg(r.tables.size())
                                                         .arg(r.findings.size())
                                                         .arg(r.status())};
        });
}

IncidentSection IncidentSections::migrations()
{
    return IncidentSection::json(
        QStringLiteral("migrations"), QStringLiteral("Migrations"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            auto report =
                MigrationProbe::collect(ctx.target(), SessionOptions::monitor(), migrationsFolderFor(ctx.target()));
            if (!report)
                return report.error();
            return IncidentSection::Data{report->toJson(),
                                         QStringLiteral("%1: %2").arg(report->summary(), report->status())};
        });
}

IncidentSection IncidentSections::backups()
{
    return IncidentSection::json(QStringLiteral("backups"), QStringLiteral("Backups and restore window"),
                                 [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
                                     auto entries = BackupCatalog::list(ctx.backupDir);
                                     if (!entries)
                                         return entries.error();
                                     const QString sourceId = BackupNaming::sourceId(ctx.target());
                                     QList<CatalogEntry> mine;
                                     QJsonArray list;
                                     for (const CatalogEntry &e : entries.value())
                                         if (belongsTo(e, ctx.target(), sourceId)) {
                                             mine << e;
                                             list.append(e.toJson(ctx.at));
                                         }
                                     const QJsonObject window = restoreWindow(mine, ctx.at);
                                     const QString newest = window.value(QStringLiteral("newest_verified")).toString();
                                     return IncidentSection::Data{
                                         {{QStringLiteral("dir"), ctx.backupDir},
                                          {QStringLiteral("source_id"), sourceId},
                                          {QStringLiteral("count"), list.size()},
                                          {QStringLiteral("backups"), list},
                                          {QStringLiteral("restore_window"), window}},
                                         QStringLiteral("%1 backup(s) of this target, newest verified: %2")
                                             .arg(list.size())
                                             .arg(newest.isEmpty() ? QStringLiteral("none") : newest)};
                                 });
}

} // namespace dbops
