// dbops schedule add|list|remove|run: backups, verifies, drills, cleanups and maintenance as systemd timers that run
// the same dbops command (user units by default, --system for system units). Exit 0 done, 3 unusable input or
// nothing to act on; `list` says "systemd not running" and reads the audit trail instead of failing.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/printable.h"
#include "schedule/schedulesetup.h"
#include "schedule/schedulestatus.h"
#include "schedule/systemd.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kSystem = QStringLiteral("system");

void addOptions(QCommandLineParser &p)
{
    p.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("add | list | remove NAME | run NAME"));
    p.addPositionalArgument(QStringLiteral("-- JOB_OPTIONS"),
                            QStringLiteral("add: more options of the job's command, after --."),
                            QStringLiteral("[-- …]"));
    p.addOption({QStringLiteral("job"), QStringLiteral("add: backup, verify, drill, cleanup or maintain."),
                 QStringLiteral("JOB")});
    p.addOption({QStringLiteral("every"),
                 QStringLiteral("add: 15min, 1h, 6h, daily, weekly, 03:30, or an OnCalendar expression."),
                 QStringLiteral("WHEN")});
    p.addOption({QStringLiteral("name"), QStringLiteral("add: the unit name (default dbops-JOB-STORE)."),
                 QStringLiteral("NAME")});
    p.addOption({kSystem, QStringLiteral("System units in /etc/systemd/system (needs root) instead of user units.")});
    p.addOption({QStringLiteral("no-enable"), QStringLiteral("add: write the units without enabling the timer.")});
}

Error usage(const QString &message)
{
    return Error::make(ErrorCode::Usage, message, QStringLiteral("see `dbops schedule --help`"));
}

// The store as --db (or the environment) names it; the checks and the units are ScheduleSetup's, shared with
// the console's Schedules section.
Expected<ScheduleSpec> specFrom(const Invocation &in, const QStringList &jobArgs)
{
    const QCommandLineParser &p = in.options();
    ScheduleDraft draft;
    draft.job = p.value(QStringLiteral("job"));
    draft.every = p.value(QStringLiteral("every"));
    draft.name = p.value(QStringLiteral("name"));
    draft.jobArgs = jobArgs;
    draft.program = ScheduleSetup::cliProgram();
    // The store is resolved once the rest is right, so the error names the first thing wrong (as before).
    if (ScheduleSpec::jobs().contains(draft.job) && ScheduleSpec::onCalendarFor(draft.every) &&
        !ScheduleSetup::namesStore(jobArgs)) {
        auto detected = in.resolveTarget();
        if (!detected)
            return detected.error();
        if (Error e = missingStore(detected->target)) // a timer that would fail at every run
            return e;
        draft.target = detected->target;
    }
    return ScheduleSetup::spec(draft);
}

int add(const Invocation &in, const QStringList &jobArgs)
{
    auto spec = specFrom(in, jobArgs);
    if (!spec)
        return in.fail(spec.error());
    const bool system = in.options().isSet(kSystem);
    const bool enable = !in.options().isSet(QStringLiteral("no-enable"));
    auto added = ScheduleSetup::add(spec.value(), system, enable);
    if (!added)
        return in.fail(added.error());
    if (in.json()) {
        printJson({{QStringLiteral("status"), QStringLiteral("added")},
                   {QStringLiteral("name"), spec->name},
                   {QStringLiteral("service"), added->service},
                   {QStringLiteral("timer"), added->timer},
                   {QStringLiteral("on_calendar"), spec->onCalendar},
                   {QStringLiteral("command"), QJsonArray::fromStringList(spec->command())},
                   {QStringLiteral("enabled"), added->enabled},
                   {QStringLiteral("systemd_note"), added->note}});
    } else {
        QTextStream out(stdout);
        out << "added   " << spec->name << " (" << spec->job << " of " << spec->target
            << ", OnCalendar=" << spec->onCalendar << ")\n  " << added->service << "\n  " << added->timer << "\n  "
            << added->note << '\n';
        if (!added->enabled && enable)
            out << "  enable it once systemd runs: systemctl " << (system ? "" : "--user ") << "enable --now "
                << spec->name << ".timer\n";
    }
    return ExitOk;
}

QString when(const QDateTime &at) { return at.isValid() ? Format::moment(at) : QStringLiteral("—"); }

void printList(QTextStream &out, const ScheduleList &list)
{
    if (!list.systemdRunning)
        out << list.systemdNote << ": next runs unknown, last runs from the audit trail\n";
    if (list.rows.isEmpty())
        out << "no dbops schedule\n";
    for (const ScheduleRow &r : list.rows)
        out << r.spec.name << "  " << r.spec.job << " of " << Printable::name(r.spec.target) << ", " << r.spec.every
            << "\n  next " << when(r.next) << "  last " << when(r.last) << "  "
            << (r.result.isEmpty() ? QStringLiteral("never ran") : r.result)
            << (r.durationMs >= 0 ? QStringLiteral(" in %1").arg(Format::milliseconds(double(r.durationMs)))
                                  : QString())
            << '\n';
}

int list(const Invocation &in)
{
    auto list = ScheduleStatus::read(in.options().isSet(kSystem));
    if (!list)
        return in.fail(list.error());
    output(list.value(), in.json(), printList);
    return ExitOk;
}

int remove(const Invocation &in, const QString &name)
{
    if (Error e = ScheduleSetup::remove(name, in.options().isSet(kSystem)))
        return in.fail(e);
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("removed")}, {QStringLiteral("name"), name}});
    else
        QTextStream(stdout) << "removed " << name << '\n';
    return ExitOk;
}

int runNow(const Invocation &in, const QString &name)
{
    const Systemd systemd(in.options().isSet(kSystem));
    QString why;
    if (!systemd.running(&why))
        return in.fail(Error::make(ErrorCode::Unsupported, QStringLiteral("cannot start %1: %2").arg(name, why),
                                   QStringLiteral("run its command yourself (`dbops schedule list --json` shows it)")));
    if (Error e = systemd.start(name))
        return in.fail(e);
    if (in.json())
        printJson({{QStringLiteral("status"), QStringLiteral("started")}, {QStringLiteral("name"), name}});
    else
        QTextStream(stdout) << "started " << name << '\n';
    return ExitOk;
}

int run(const Invocation &in)
{
    const QStringList args = in.options().positionalArguments();
    const QString action = args.value(0);
    if (action == QLatin1String("add"))
        return add(in, args.mid(1));
    if (action == QLatin1String("list") && args.size() == 1)
        return list(in);
    if (action == QLatin1String("remove") && args.size() == 2)
        return remove(in, args[1]);
    if (action == QLatin1String("run") && args.size() == 2)
        return runNow(in, args[1]);
    return in.fail(usage(QStringLiteral("schedule takes add, list, remove NAME or run NAME")));
}

const RegisterCommand reg(
    {QStringLiteral("schedule"), QStringLiteral("backups, verifies, drills as systemd timers"),
     QStringLiteral("Schedules as systemd timers. `add --db TARGET --job backup|verify|drill|cleanup|maintain --every "
                    "WHEN [-- JOB_OPTIONS]` writes NAME.service and NAME.timer (user units in "
                    "$XDG_CONFIG_HOME/systemd/user, or --system), Persistent=true, running the same dbops command "
                    "(the target as a profile name or a spec without password) and enables the timer when systemd "
                    "runs. A scheduled run that finds the same job running on the same store skips and says so. "
                    "`list` shows next run, last run, last result and duration (from systemd, else the audit "
                    "trail); `remove NAME`; `run NAME` starts one now."),
     TargetUse::OnRequest, addOptions, run});

} // namespace
} // namespace dbops::cli
