#include "alert/alertsettings.h"

#include "connection/profilestore.h"
#include "ops/drillsettings.h"

#include <QSettings>

namespace dbops {
namespace {

// QSettings reads an unquoted value holding commas as a list; a URL or a path is one text.
QString text(const QSettings &settings, const QString &key)
{
    const QVariant value = settings.value(key);
    return value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                    : value.toString().trimmed();
}

// A positive number under `key`, else `fallback`.
double number(const QSettings &settings, const QString &key, double fallback)
{
    bool ok = false;
    const double value = text(settings, key).toDouble(&ok);
    return ok && value > 0 ? value : fallback;
}

void readThresholds(const QSettings &s, AlertSettings &a)
{
    StatusThresholds &t = a.thresholds;
    t.backupWarnSeconds =
        qint64(number(s, QStringLiteral("alert_backup_warn_hours"), t.backupWarnSeconds / 3600.0) * 3600);
    t.backupCriticalSeconds =
        qint64(number(s, QStringLiteral("alert_backup_critical_days"), t.backupCriticalSeconds / 86400.0) * 86400);
    t.drillWarnSeconds =
        qint64(number(s, QStringLiteral("alert_drill_warn_days"), t.drillWarnSeconds / 86400.0) * 86400);
    t.drillCriticalSeconds =
        qint64(number(s, QStringLiteral("alert_drill_critical_days"), t.drillCriticalSeconds / 86400.0) * 86400);
    t.protectionWarnLagS = number(s, QStringLiteral("alert_lag_warn_seconds"), t.protectionWarnLagS);
    t.protectionCriticalLagS = number(s, QStringLiteral("alert_lag_critical_seconds"), t.protectionCriticalLagS);
    t.blockedCriticalSeconds = number(s, QStringLiteral("alert_blocked_seconds"), t.blockedCriticalSeconds);
    a.connectionsWarnPct = number(s, QStringLiteral("alert_connections_warn_pct"), a.connectionsWarnPct);
    a.connectionsCriticalPct = number(s, QStringLiteral("alert_connections_critical_pct"), a.connectionsCriticalPct);
    a.scheduleGraceS = qint64(number(s, QStringLiteral("alert_schedule_grace_seconds"), double(a.scheduleGraceS)));
}

} // namespace

AlertSettings AlertSettings::forProfile(const QString &profile, const QString &file)
{
    AlertSettings a;
    const DrillSettings drill = DrillSettings::forProfile(profile, file);
    a.thresholds.drillWarnSeconds = qint64(drill.warnDays * 86400);
    a.thresholds.drillCriticalSeconds = qint64(drill.criticalDays * 86400);
    if (profile.isEmpty() || !ProfileStore(file).find(profile))
        return a;
    QSettings settings(ProfileStore(file).file(), QSettings::IniFormat);
    settings.beginGroup(profile);
    readThresholds(settings, a);
    a.command = text(settings, QStringLiteral("alert_command"));
    a.webhook = text(settings, QStringLiteral("alert_webhook"));
    a.desktop = text(settings, QStringLiteral("alert_desktop")) == QLatin1String("true");
    return a;
}

void AlertSettings::applyTo(StatusRequest &request) const
{
    const QDateTime now = request.now;
    const StatusThresholds kept = request.thresholds;
    request.thresholds = thresholds;
    // What the status board judges but alerts do not configure stays as the request had it.
    request.thresholds.statementSeconds = kept.statementSeconds;
    request.thresholds.diskWarnPct = kept.diskWarnPct;
    request.thresholds.diskCriticalPct = kept.diskCriticalPct;
    request.now = now;
    request.pool.warnPct = connectionsWarnPct;
    request.pool.criticalPct = connectionsCriticalPct;
}

} // namespace dbops
