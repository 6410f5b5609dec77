#include "command.h"

#include "cliutil.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "passwordprompt.h"

#include <QFileInfo>

namespace dbops::cli {
namespace {

// An unknown profile fails in CommandLine::target(); a path that names nothing resolves to an SQLite file
// target, which each core call reported its own way (or not at all): said here once, for every command.
Error missingStore(const Target &target)
{
    if (target.kind != Target::Kind::SqliteFile || QFileInfo::exists(target.path))
        return {};
    return Connector::checkSqliteFile(target.path);
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
    return command.run(Invocation(commandLine, detected));
}

} // namespace dbops::cli
