#include "ops/drillsettings.h"

#include "connection/profilestore.h"

#include <QSettings>

namespace dbops {
namespace {

// QSettings reads an unquoted value holding commas as a list; a probe's SQL is one text.
QString text(const QVariant &value)
{
    return value.typeId() == QMetaType::QStringList ? value.toStringList().join(QStringLiteral(", "))
                                                    : value.toString();
}

double days(const QSettings &settings, const QString &key, double fallback)
{
    bool ok = false;
    const double value = text(settings.value(key)).toDouble(&ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

DrillSettings DrillSettings::forProfile(const QString &profile, const QString &file)
{
    DrillSettings s;
    if (profile.isEmpty() || !ProfileStore(file).find(profile))
        return s;
    QSettings settings(ProfileStore(file).file(), QSettings::IniFormat);
    settings.beginGroup(profile);
    QStringList keys = settings.childKeys();
    keys.sort(); // drill_probe, drill_probe_2, …: in the operator's order
    for (const QString &key : keys)
        if (key.startsWith(QLatin1String("drill_probe")))
            if (const QString sql = text(settings.value(key)).trimmed(); !sql.isEmpty())
                s.probes << sql;
    s.warnDays = days(settings, QStringLiteral("drill_warn_days"), s.warnDays);
    s.criticalDays = days(settings, QStringLiteral("drill_critical_days"), s.criticalDays);
    return s;
}

} // namespace dbops
