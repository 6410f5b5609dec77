#include "schedule/schedulesetup.h"

#include "schedule/scheduleunits.h"
#include "schedule/systemd.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>

namespace dbops {
namespace {

Error usage(const QString &message, const QString &hint = QStringLiteral("see `dbops schedule --help`"))
{
    return Error::make(ErrorCode::Usage, message, hint);
}

} // namespace

QString ScheduleSetup::targetWord(const Target &target)
{
    return target.profileName.isEmpty() ? target.toSpec() : target.profileName;
}

bool ScheduleSetup::namesStore(const QStringList &jobArgs)
{
    for (const QString &a : jobArgs)
        if (a == QLatin1String("--db") || a.startsWith(QLatin1String("--db=")))
            return true;
    return false;
}

Expected<ScheduleSpec> ScheduleSetup::spec(const ScheduleDraft &draft)
{
    ScheduleSpec spec;
    spec.job = draft.job;
    if (!ScheduleSpec::jobs().contains(spec.job))
        return usage(QStringLiteral("--job must be one of %1").arg(ScheduleSpec::jobs().join(QStringLiteral(", "))));
    spec.every = draft.every;
    auto calendar = ScheduleSpec::onCalendarFor(spec.every);
    if (!calendar)
        return calendar.error();
    spec.onCalendar = calendar.value();
    if (namesStore(draft.jobArgs))
        return usage(QStringLiteral("the store is --db of `schedule add`, not a job option"));
    for (const QString &a : draft.jobArgs)
        if (a == QLatin1String("--webhook") || a.startsWith(QLatin1String("--webhook=")))
            return usage(QStringLiteral("a webhook URL on a schedule's command line would be written into its unit "
                                        "file, token and all"),
                         QStringLiteral("put it in the store's profile as alert_webhook=URL; the scheduled watch "
                                        "reads it from there"));
    if (!draft.target.isValid())
        return usage(QStringLiteral("a schedule needs a store"), QStringLiteral("give --db PATH, URI or PROFILE"));
    spec.target = targetWord(draft.target);
    spec.name = draft.name.isEmpty() ? ScheduleSpec::defaultName(spec.job, spec.target) : draft.name;
    if (!ScheduleSpec::isValidName(spec.name))
        return usage(QStringLiteral("\"%1\" is not a unit name (letters, digits, '-' and '_')").arg(spec.name));
    spec.jobArgs = draft.jobArgs;
    spec.program = draft.program;
    return spec;
}

Expected<ScheduleAdded> ScheduleSetup::add(const ScheduleSpec &spec, bool system, bool enable)
{
    const ScheduleUnits units(system);
    if (Error e = units.add(spec))
        return e;
    ScheduleAdded added;
    added.spec = spec;
    added.service = units.dir() + QLatin1Char('/') + spec.name + QStringLiteral(".service");
    added.timer = units.dir() + QLatin1Char('/') + spec.name + QStringLiteral(".timer");
    const Systemd systemd(system);
    if (!enable) {
        added.note = QStringLiteral("not enabled (--no-enable)");
    } else if (systemd.running(&added.note)) {
        Error e = systemd.reload();
        if (!e)
            e = systemd.enable(spec.name);
        added.enabled = !e;
        added.note = e ? e.oneLine() : QStringLiteral("enabled");
    }
    return added;
}

Error ScheduleSetup::remove(const QString &name, bool system)
{
    const ScheduleUnits units(system);
    const Systemd systemd(system);
    const bool running = systemd.running();
    if (running && ScheduleSpec::isValidName(name))
        systemd.disable(name); // a timer never enabled has nothing to disable; the files go either way
    if (Error e = units.remove(name))
        return e;
    if (running)
        systemd.reload();
    return {};
}

QString ScheduleSetup::cliProgram()
{
    const QString self = QCoreApplication::applicationFilePath();
    if (QFileInfo(self).fileName() == QLatin1String("dbops"))
        return self;
    const QString dir = QCoreApplication::applicationDirPath();
    // From a build tree the console sits in app/gui and the CLI in app/cli.
    for (const QString &beside : QStringList{dir, dir + QStringLiteral("/../cli")})
        if (const QFileInfo cli(beside + QStringLiteral("/dbops")); cli.isExecutable())
            return cli.canonicalFilePath();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("dbops"));
    return onPath.isEmpty() ? QStringLiteral("/usr/bin/dbops") : onPath;
}

} // namespace dbops
