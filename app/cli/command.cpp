#include "command.h"

#include "cliutil.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "ops/backupnaming.h"
#include "passwordprompt.h"
#include "schedule/scheduledrun.h"

#include <QFileInfo>
#include <QTextStream>

namespace dbops::cli {
namespace {

// A job a schedule may run (backup, verify, drill, cleanup, maintain) holds its store's job lock while it runs; a
// scheduled run skips when another run holds it, a manual one refuses in words (exit 2), as the console does
// (ScheduledRun). A run without a store (verify PATH) is unguarded.
int runGuarded(const Command &command, const CommandLine &commandLine, const DetectedTarget &detected)
{
    Target target = detected.target;
    if (!target.isValid() && commandLine.parser().isSet(QStringLiteral("db")))
        if (auto resolved = commandLine.target())
            target = resolved->target;
    if (!target.isValid())
        return command.run(Invocation(commandLine, detected));
    ScheduledRun guard(command.name, target.display(), BackupNaming::sourceId(target));
    if (guard.skips()) {
        QTextStream(stderr) << "dbops: " << guard.skipMessage() << '\n';
        if (commandLine.json())
            printJson({{QStringLiteral("status"), QStringLiteral("skipped")},
                       {QStringLiteral("reason"), guard.skipMessage()}});
        guard.finish(ExitOk);
        return ExitOk;
    }
    if (const Error busy = guard.busy())
        return fail(busy, commandLine.json());
    const int code = command.run(Invocation(commandLine, detected));
    guard.finish(code);
    return code;
}

} // namespace

QList<Command> &CommandRegistry::all()
{
    static QList<Command> commands;
    return commands;
}

const Command *CommandRegistry::find(const QString &name)
{
    for (const Command &c : all())
        if (c.name == name)
            return &c;
    return nullptr;
}

Invocation::Invocation(const CommandLine &commandLine, DetectedTarget detected)
    : m_commandLine(commandLine), m_detected(std::move(detected))
{}

const QCommandLineParser &Invocation::options() const { return m_commandLine.parser(); }

bool Invocation::json() const { return m_commandLine.json(); }

Expected<DetectedTarget> Invocation::resolveTarget() const { return m_commandLine.target(); }

int Invocation::fail(const Error &error) const { return cli::fail(error, json()); }

int Invocation::failRead(const Error &error) const
{
    const int code = fail(error);
    return error.code == ErrorCode::Busy ? int(ExitUnknown) : code;
}

int Invocation::refuseWhenReadOnly(const QString &action) const
{
    const Error refused = IncidentMode::refuse(action);
    return refused ? cli::fail(refused, json(), QStringLiteral("refused")) : ExitOk;
}

int runCommand(const Command &command, const QStringList &args)
{
    CommandLine commandLine(command.name, command.description, command.target != TargetUse::None);
    if (command.addOptions)
        command.addOptions(commandLine.parser());
    int code = ExitOk;
    if (!commandLine.parse(args, &code))
        return code;
    IncidentMode::setCommandLine(commandLine.readOnly());
    DetectedTarget detected;
    if (command.target == TargetUse::Store || command.target == TargetUse::Destination) {
        auto resolved = commandLine.target();
        if (!resolved)
            return fail(resolved.error(), commandLine.json());
        if (command.target == TargetUse::Store)
            if (const Error e = missingStore(resolved->target))
                return fail(e, commandLine.json());
        detected = resolved.value();
        PasswordPrompt::askIfNeeded(detected.target);
    }
    if (ScheduledRun::isSchedulable(command.name))
        return runGuarded(command, commandLine, detected);
    return command.run(Invocation(commandLine, detected));
}

} // namespace dbops::cli
