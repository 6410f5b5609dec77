#include "schedule/schedulestatus.h"

#include "audit/auditlog.h"
#include "schedule/scheduleunits.h"
#include "schedule/systemd.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace dbops {
namespace {

QJsonValue moment(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

// The newest "schedule" record of each schedule systemd did not answer for (the trail is read newest first).
void fromAudit(QList<ScheduleRow> &rows)
{
    auto records = AuditLog().recent(2000);
    if (!records)
        return;
    static const QRegularExpression took(QStringLiteral(" in (\\d+) ms$"));
    for (ScheduleRow &row : rows) {
        if (row.source != QLatin1String("audit"))
            continue;
        for (const AuditRecord &r : records.value()) {
            if (r.action != QLatin1String("schedule") || r.parameters != row.spec.name)
                continue;
            row.last = r.at;
            row.result = r.outcome;
            row.detail = r.detail;
            if (const auto m = took.match(r.detail); m.hasMatch())
                row.durationMs = m.captured(1).toLongLong();
            break;
        }
    }
}

} // namespace

QJsonObject ScheduleRow::toJson() const
{
    return {{QStringLiteral("name"), spec.name},
            {QStringLiteral("job"), spec.job},
            {QStringLiteral("target"), spec.target},
            {QStringLiteral("every"), spec.every},
            {QStringLiteral("on_calendar"), spec.onCalendar},
            {QStringLiteral("command"), QJsonArray::fromStringList(spec.command())},
            {QStringLiteral("unit_dir"), unitDir},
            {QStringLiteral("source"), source},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("next_run"), moment(next)},
            {QStringLiteral("last_run"), moment(last)},
            {QStringLiteral("last_result"), result},
            {QStringLiteral("duration_s"), durationMs >= 0 ? QJsonValue(double(durationMs) / 1000.0) : QJsonValue()},
            {QStringLiteral("detail"), detail}};
}

QJsonObject ScheduleList::toJson() const
{
    QJsonArray array;
    for (const ScheduleRow &r : rows)
        array.append(r.toJson());
    return {{QStringLiteral("schedules"), array},
            {QStringLiteral("systemd_running"), systemdRunning},
            {QStringLiteral("systemd_note"), systemdNote}};
}

Expected<ScheduleList> ScheduleStatus::read(bool system, const std::function<bool(const ScheduleSpec &)> &wanted)
{
    const ScheduleUnits units(system);
    auto specs = units.list();
    if (!specs)
        return specs.error();
    ScheduleList list;
    if (wanted) {
        specs->removeIf([&](const ScheduleSpec &s) { return !wanted(s); });
        if (specs->isEmpty())
            return list;
    }
    const Systemd systemd(system);
    list.systemdRunning = systemd.running(&list.systemdNote);
    for (const ScheduleSpec &spec : specs.value()) {
        ScheduleRow row;
        row.spec = spec;
        row.unitDir = units.dir();
        row.source = QStringLiteral("audit");
        if (list.systemdRunning) {
            const TimerState s = systemd.state(spec.name);
            if (s.known) {
                row.source = QStringLiteral("systemd");
                row.enabled = s.enabled;
                row.next = s.next;
                row.last = s.lastStart;
                row.result = s.result;
                row.durationMs = s.durationMs;
            }
        }
        list.rows << row;
    }
    fromAudit(list.rows);
    return list;
}

} // namespace dbops
