#include "pitr/sidecheck.h"

#include "core/paths.h"
#include "pitr/pitrdatadir.h"
#include "pitr/sideinstance.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

namespace {
constexpr int kFirstPort = 5433; // beside PostgreSQL's own 5432: what an operator would pick
constexpr int kPortsTried = 200;
} // namespace

QDateTime SideChecks::earliest(const PitrInfo &info)
{
    if (info.backups.isEmpty() || !info.restorableFrom.isValid())
        return {};
    const QDateTime from = info.restorableFrom.toUTC();
    return from.addMSecs(-from.time().msec()).addSecs(1);
}

bool SideChecks::inWindow(const PitrInfo &info, const QDateTime &moment)
{
    const QDateTime from = earliest(info);
    return from.isValid() && moment.isValid() && moment >= from && moment <= info.restorableTo;
}

QString SideChecks::defaultName(const QString &stanza, const QDateTime &moment)
{
    return QStringLiteral("%1-%2").arg(stanza, moment.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss")));
}

int SideChecks::freePort()
{
    for (int port = kFirstPort; port < kFirstPort + kPortsTried; ++port)
        if (!SideInstance::checkPortFree(port))
            return port;
    return 0;
}

QString SideChecks::root()
{
    const QString own = Paths::dataDir() + QStringLiteral("/side");
    // dbops as root: its home is closed to postgres, who writes the cluster; a folder postgres can reach instead.
    if (!PitrDataDir::closedAncestor(own + QStringLiteral("/x"), QStringLiteral("postgres")).isEmpty())
        return QStringLiteral("/var/tmp/dbops-side");
    return own;
}

SideCheck SideChecks::run(const QString &stanza, const QDateTime &moment, const QString &dataDir, int port)
{
    SideCheck c;
    c.root = root();
    c.dataDirectory = dataDir.isEmpty() ? c.root + QLatin1Char('/') + defaultName(stanza, moment) : dataDir;
    const QFileInfo dir(c.dataDirectory);
    if (dir.exists() && !dir.isDir())
        c.directory = SideCheck::Directory::NotADirectory;
    else if (dir.exists() && !QDir(c.dataDirectory).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        c.directory = SideCheck::Directory::NotEmpty;
    else if (c.closedFolder = PitrDataDir::closedAncestor(c.dataDirectory, QStringLiteral("postgres"));
             !c.closedFolder.isEmpty())
        c.directory = SideCheck::Directory::OutOfReach;
    c.port = port > 0 ? port : freePort();
    c.portFree = c.port > 0 && !SideInstance::checkPortFree(c.port);
    return c;
}

} // namespace dbops
