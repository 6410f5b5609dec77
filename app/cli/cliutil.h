#pragma once
// What every command shares: --db/--settings/--json/--help parsing, target resolution (profile, path, URI,
// or the bot's environment), JSON output, and errors as one stderr line plus a Nagios exit code
// (0 OK, 1 warning, 2 critical / action failed, 3 unusable input / cannot connect).
#include "connection/envdetector.h"
#include "core/error.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

namespace dbops::cli {

enum ExitCode { ExitOk = 0, ExitWarning = 1, ExitCritical = 2, ExitUnknown = 3 };

class CommandLine {
public:
    CommandLine(const QString &name, const QString &description, bool takesTarget);
    QCommandLineParser &parser() { return m_parser; }
    const QCommandLineParser &parser() const { return m_parser; }
    // Parses; on --help prints help and returns 0 via *exitCode; on a usage error prints one line, 3.
    bool parse(const QStringList &args, int *exitCode);
    bool json() const;
    bool readOnly() const; // --read-only
    // --db TARGET (a profile with read_only=true turns incident mode on) (profile name, path, sqlite:///,
    // postgresql://…, service=…) or the bot's environment.
    Expected<DetectedTarget> target() const;

private:
    QCommandLineParser m_parser;
    QString m_name;
    bool m_takesTarget;
};

// Prints the object (indented) on stdout.
void printJson(const QJsonObject &object);
// A command's output step: the result's toJson() with --json, else its text as printText(out, result) writes it.
template <typename Result, typename PrintText>
void output(const Result &result, bool json, PrintText printText)
{
    if (json) {
        printJson(result.toJson());
        return;
    }
    QTextStream out(stdout);
    printText(out, result);
}
// Prints "dbops: <message> — <hint>" on stderr: one line, always; the engine's detail only in the log (and on
// stderr with --verbose).
void printError(const Error &error);
// printError, and with json {"status":<status>,"error":{...}} on stdout; returns the exit code for the error.
int fail(const Error &error, bool json, const QString &status = QStringLiteral("error"));
// The non-negative number given to --name, or `fallback` when it is not set; a Usage error naming the option
// and `dbops <command> --help` otherwise.
Expected<double> numberOption(const QCommandLineParser &parser, const QString &name, double fallback,
                              const QString &command);
// --replica DIR, else the Litestream replica folder saved in the profile `target` came from (replica=); empty when
// neither names one.
QString replicaFolder(const QCommandLineParser &parser, const Target &target);

// A path that names no file resolves to an SQLite file target: the one clear line saying so (Connector's), else ok.
Error missingStore(const Target &target);

} // namespace dbops::cli
