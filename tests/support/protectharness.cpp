#include "protectharness.h"

#include "clirunner.h"
#include "ops/litestream.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <csignal>

namespace dbops::test {

ProtectHarness::ProtectHarness(const QString &home) : m_env(CliRunner::cleanEnvironment())
{
    if (!home.isEmpty()) {
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("xdg-data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), QDir(home).filePath(QStringLiteral("xdg-state")));
    }
    auto found = Litestream::find(QFileInfo(QStringLiteral(DBOPS_CLI_PATH)).absolutePath());
    if (found)
        m_litestream = found.value();
    else
        m_error = found.error().oneLine();
}

QString ProtectHarness::start(QProcess &protect, const QString &store, const QString &replica,
                              const QStringList &extra) const
{
    protect.setProcessEnvironment(m_env);
    protect.start(QStringLiteral(DBOPS_CLI_PATH), QStringList{QStringLiteral("protect"), QStringLiteral("--db"), store,
                                                              QStringLiteral("--replica"), replica} +
                                                      extra);
    if (!protect.waitForStarted())
        return QStringLiteral("dbops protect did not start: %1").arg(protect.errorString());
    if (!protect.waitForReadyRead(kWaitMs)) // "protecting 1 store(s) …": Litestream runs
        return QStringLiteral("dbops protect said nothing: %1").arg(QString::fromUtf8(protect.readAllStandardError()));
    return {};
}

QString ProtectHarness::stop(QProcess &protect)
{
    ::kill(pid_t(protect.processId()), SIGTERM);
    if (!protect.waitForFinished(kWaitMs))
        return QStringLiteral("dbops protect did not end after SIGTERM");
    if (protect.exitStatus() != QProcess::NormalExit || protect.exitCode() != 0)
        return QStringLiteral("dbops protect ended with %1: %2")
            .arg(protect.exitCode())
            .arg(QString::fromUtf8(protect.readAllStandardError()));
    return {};
}

bool ProtectHarness::reaches(const QString &store, const QString &replica, const QDateTime &moment) const
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kWaitMs) {
        auto w = Litestream::window(m_litestream, replica, store);
        if (w && w->restorableTo.isValid() && w->restorableTo >= moment.addSecs(-1))
            return true;
        QThread::msleep(250);
    }
    return false;
}

} // namespace dbops::test
