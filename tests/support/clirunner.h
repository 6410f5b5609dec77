#pragma once
// Runs the real `dbops` binary (DBOPS_CLI_PATH) the way cron or an operator would.
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

namespace dbops::test {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const; // stdout parsed as a JSON object (empty when it is not one)
    QStringList errLines() const;
};

struct CliRunner {
    // Runs `dbops args…` with `env` (default: this process's environment minus DB/PG variables that would
    // change detection) in `workingDir`, waiting up to `timeoutMs`.
    static CliResult run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(),
                         const QString &workingDir = {}, int timeoutMs = 60000);
    static QProcessEnvironment cleanEnvironment();
};

} // namespace dbops::test
