// dbops — the command-line face of the console: same core, JSON for cron jobs and monitoring,
// Nagios exit codes (0 OK, 1 warning, 2 critical / failed, 3 unusable input / cannot connect).
#include "cliutil.h"
#include "command.h"
#include "log/logging.h"

#include "offscreenapplication.h"

#include <QCoreApplication>
#include <QTextStream>
#include <algorithm>

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: dbops <command> [--db TARGET] [--json] [options]\n\n"
           "TARGET: a profile name, a SQLite file or bot data directory, sqlite:///path,\n"
           "        postgresql://user@host:port/db[?sslmode=…], or service=NAME.\n"
           "        Without --db: DATABASE_TYPE/DB_TYPE, DATABASE_URL, --settings FILE, DB_PATH, PG* variables.\n"
           "Passwords: ~/.pgpass or PGPASSFILE, else asked on a terminal without echo (never on the command\n"
           "           line; off a terminal dbops never waits for one).\n"
           "--read-only (any command; or read_only=true in a profile): incident mode, every action refused (exit "
           "2).\n\n"
           "Commands:\n";
    auto commands = dbops::cli::CommandRegistry::all();
    std::sort(commands.begin(), commands.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    qsizetype width = 0; // the longest name and two spaces: a name never runs into its summary
    for (const auto &c : commands)
        width = std::max(width, c.name.size() + 2);
    for (const auto &c : commands)
        out << "  " << c.name.leftJustified(width) << c.summary << '\n';
    out << "\nExit codes: 0 OK, 1 warning, 2 critical or action failed, 3 unusable input or cannot connect.\n"
           "`dbops <command> --help` describes each command.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    // `incident` draws charts (render/): it gets a QGuiApplication on the offscreen platform.
    const auto app = dbops::OffscreenApplication::make(argc, argv, argc > 1 && qstrcmp(argv[1], "incident") == 0);
    QCoreApplication::setApplicationName(QStringLiteral("dbops"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DBOPS_VERSION));
    QStringList args = QCoreApplication::arguments();
    const bool verbose = args.removeAll(QStringLiteral("--verbose")) > 0;
    dbops::Logging::setup(dbops::Logging::Mode::Cli, verbose);

    QTextStream out(stdout);
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        printUsage(out);
        return args.size() < 2 ? 3 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        out << "dbops " << DBOPS_VERSION << '\n';
        return 0;
    }
    const dbops::cli::Command *command = dbops::cli::CommandRegistry::find(args[1]);
    if (!command) // with --json too, the error cron jobs parse
        return dbops::cli::fail(dbops::Error::make(dbops::ErrorCode::Usage,
                                                   QStringLiteral("unknown command \"%1\"").arg(args[1]),
                                                   QStringLiteral("run `dbops --help` for the list")),
                                args.contains(QStringLiteral("--json")));
    QStringList commandArgs = args.mid(2);
    commandArgs.prepend(QStringLiteral("dbops"));
    return dbops::cli::runCommand(*command, commandArgs);
}
