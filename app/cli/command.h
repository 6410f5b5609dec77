#pragma once
// Each `dbops <command>` lives in its own cmd_<name>.cpp and registers itself here. runCommand is the one
// skeleton they share: the options parsed (--help and usage errors answered), the target resolved, then the
// command's run: options → request → core call → output.
#include "connection/envdetector.h"
#include "core/error.h"

#include <QCommandLineParser>
#include <QList>
#include <QStringList>

namespace dbops::cli {

class CommandLine;

// What a command does with --db / --settings / the bot's environment.
enum class TargetUse {
    None,        // it works on no store: no --db option
    Store,       // an existing store, resolved before run: an unknown profile or a missing file ends the command
    Destination, // resolved before run, but it may not exist yet: the command says itself what to do then
    OnRequest,   // the command resolves it only when one of its options needs a store (Invocation::resolveTarget)
};

// What a command's run is given: its parsed options and, for TargetUse::Store / Destination, the target.
class Invocation {
public:
    Invocation(const CommandLine &commandLine, DetectedTarget detected);
    const QCommandLineParser &options() const;
    bool json() const;
    const DetectedTarget &detected() const { return m_detected; }
    const Target &target() const { return m_detected.target; }
    // --db (or the bot's environment), resolved now.
    Expected<DetectedTarget> resolveTarget() const;
    // Prints the error the one way every command does (see cli::fail) and returns its exit code.
    int fail(const Error &error) const;
    // The same for a monitoring read (info, health, pool, slow, migrations): a store another process keeps
    // locked could not be read at all, which README's table calls unusable input / cannot connect (3), not a
    // failed action (2).
    int failRead(const Error &error) const;
    // In incident mode (--read-only, a read_only profile): prints the core's refusal of `action` (JSON status
    // "refused") and returns its exit code, 2; 0 when the action may run. The core refuses it as well: this
    // only spares the preview work before it.
    int refuseWhenReadOnly(const QString &action) const;

private:
    const CommandLine &m_commandLine;
    DetectedTarget m_detected;
};

struct Command {
    QString name;
    QString summary;     // its line in `dbops --help`
    QString description; // the head of `dbops <name> --help`
    TargetUse target;
    void (*addOptions)(QCommandLineParser &); // null: --json (and the target's options) only
    int (*run)(const Invocation &);
};

// `args[0]` is "dbops"; returns the exit code.
int runCommand(const Command &command, const QStringList &args);

class CommandRegistry {
public:
    static QList<Command> &all();
    static const Command *find(const QString &name);
};

struct RegisterCommand {
    explicit RegisterCommand(const Command &command) { CommandRegistry::all().append(command); }
};

} // namespace dbops::cli
