#include "core/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace dbops {

namespace {
QString xdgDir(const char *variable, const QString &fallbackUnderHome)
{
    QString base = qEnvironmentVariable(variable);
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QLatin1Char('/') + fallbackUnderHome;
    const QString dir = base + QStringLiteral("/dbops");
    QDir().mkpath(dir);
    return dir;
}
} // namespace

QString Paths::configDir() { return xdgDir("XDG_CONFIG_HOME", QStringLiteral(".config")); }
QString Paths::stateDir() { return xdgDir("XDG_STATE_HOME", QStringLiteral(".local/state")); }
QString Paths::dataDir() { return xdgDir("XDG_DATA_HOME", QStringLiteral(".local/share")); }
QString Paths::logFile() { return stateDir() + QStringLiteral("/dbops.log"); }
QString Paths::stateDatabase() { return dataDir() + QStringLiteral("/state.db"); }

QString Paths::defaultBackupDir()
{
    const QString dir = dataDir() + QStringLiteral("/backups");
    QDir().mkpath(dir);
    return dir;
}

} // namespace dbops
