#pragma once
// What a profile says about restore drills, in its group of profiles.ini (read here, so the profile editor
// need not know these keys):
//   drill_probe=SQL            a query that must return a row on every restored copy (drill_probe_2=… for more)
//   drill_warn_days=7          the status board warns when the newest proven restore is older
//   drill_critical_days=14     … and turns critical past this
#include <QString>
#include <QStringList>

namespace dbops {

struct DrillSettings {
    QStringList probes;
    double warnDays = 7;
    double criticalDays = 14;

    // The settings of a saved profile (defaults for an empty or unknown name). `file`: ProfileStore's default.
    static DrillSettings forProfile(const QString &profile, const QString &file = {});
};

} // namespace dbops
