// The status board's row for restore drills: when the store's backups last proved they restore (`dbops drill`),
// how long the restore took, how many tables, whether the counts matched. A store never drilled is not set up
// (grey), as continuous protection is: the row asks for a drill without turning every board amber.
#include "core/format.h"
#include "ops/backupnaming.h"
#include "status/statusrules.h"

namespace dbops {
namespace {

bool ofStore(const CatalogEntry &e, const QString &sourceId)
{
    return BackupNaming::sameSource(e.manifest.sourceId, sourceId) && !e.fileMissing && e.manifest.drill.done();
}

QString provenText(const CatalogEntry &e, const QDateTime &now)
{
    const DrillRecord &d = e.manifest.drill;
    return QStringLiteral("last proven restore: %1, %2, %3 table(s), counts %4")
        .arg(Format::age(d.at, now), Format::milliseconds(double(d.restoreMs)))
        .arg(d.tables)
        .arg(d.countsMatch ? QStringLiteral("match") : QStringLiteral("differ"));
}

} // namespace

StatusCheck StatusRules::drill(const Expected<QList<CatalogEntry>> &catalog, const QString &sourceId,
                               const StatusRequest &request)
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("restore_drill"), QStringLiteral("backups"), QStringLiteral("seconds"));
    const CatalogEntry *proven = nullptr;
    const CatalogEntry *lastDrilled = nullptr;
    for (const CatalogEntry &e : catalog ? catalog.value() : QList<CatalogEntry>()) {
        if (!ofStore(e, sourceId))
            continue;
        if (!lastDrilled || e.manifest.drill.at > lastDrilled->manifest.drill.at)
            lastDrilled = &e;
        if (e.proven() && (!proven || e.manifest.drill.at > proven->manifest.drill.at))
            proven = &e;
    }
    if (!lastDrilled) {
        c.state = CheckState::Neutral;
        c.reason = QStringLiteral("no restore drill yet (`dbops drill`, or schedule one)");
        return c;
    }
    if (lastDrilled != proven && !lastDrilled->manifest.drill.passed) {
        const DrillRecord &d = lastDrilled->manifest.drill;
        c.state = CheckState::Critical;
        c.reason = QStringLiteral("the last restore drill failed %1: %2")
                       .arg(Format::age(d.at, request.now), d.problems.value(0, QStringLiteral("see the audit")));
        if (proven)
            c.reason += QStringLiteral("; %1").arg(provenText(*proven, request.now));
        return c;
    }
    if (!proven) { // drilled and passed, but its verification has failed since
        c.state = CheckState::Critical;
        c.reason = QStringLiteral("no proven restore: the drilled backup is %1 now").arg(lastDrilled->stateName());
        return c;
    }
    const qint64 age = std::max<qint64>(0, proven->manifest.drill.at.secsTo(request.now));
    const StatusThresholds &t = request.thresholds;
    c.value = age;
    c.state = age > t.drillCriticalSeconds ? CheckState::Critical
              : age > t.drillWarnSeconds   ? CheckState::Warning
                                           : CheckState::Ok;
    c.reason = provenText(*proven, request.now);
    return c;
}

} // namespace dbops
