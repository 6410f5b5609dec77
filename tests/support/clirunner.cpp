#include "clirunner.h"

#include <QJsonDocument>
#include <QProcess>

namespace dbops::test {

QJsonObject CliResult::json() const { return QJsonDocument::fromJson(out).object(); }

QStringList CliResult::errLines() const { return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

QProcessEnvironment CliRunner::cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("DATABASE_")) || key == QLatin1String("DB_TYPE") ||
            key == QLatin1String("DB_PATH") ||
            (key.startsWith(QLatin1String("PG")) && key != QLatin1String("PGPASSFILE")))
            env.remove(key);
    }
    return env;
}

CliResult CliRunner::run(const QStringList &args, const QProcessEnvironment &env, const QString &workingDir,
                         int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(QStringLiteral(DBOPS_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timeout";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace dbops::test
