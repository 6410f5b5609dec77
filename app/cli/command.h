#pragma once
// Each `dbops <command>` lives in its own cmd_<name>.cpp and registers itself here.
#include <QList>
#include <QStringList>

namespace dbops::cli {

struct Command {
    QString name;
    QString summary;
    int (*run)(const QStringList &args); // args[0] is "dbops <name>"
};

class CommandRegistry {
public:
    static QList<Command> &all();
    static const Command *find(const QString &name);
};

struct RegisterCommand {
    explicit RegisterCommand(const Command &command) { CommandRegistry::all().append(command); }
};

} // namespace dbops::cli
