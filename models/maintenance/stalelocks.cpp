#include "maintenance/stalelocks.h"

#include "connection/storediscovery.h"
#include "core/incidentmode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {

LockFileInfo infoFrom(const DiscoveredItem &i)
{
    return LockFileInfo{i.path, i.relativePath, i.pid, i.lockAlive, i.modified, i.note};
}

// The lock file at `path` as discovery reads it now (its folder scanned alone, no recursion).
std::optional<LockFileInfo> readNow(const QString &path)
{
    const QFileInfo file(path);
    for (const DiscoveredItem &i : StoreDiscovery::scan(file.absolutePath(), 0))
        if (i.kind == DiscoveredItem::Kind::LockFile && i.path == file.absoluteFilePath())
            return infoFrom(i);
    return std::nullopt;
}

bool sameFile(const struct stat &a, const struct stat &b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

} // namespace

QString LockFileInfo::stateName() const
{
    if (pid <= 0)
        return QStringLiteral("unknown");
    return alive ? QStringLiteral("alive") : QStringLiteral("stale");
}

QJsonObject LockFileInfo::toJson() const
{
    return {{QStringLiteral("path"), path},   {QStringLiteral("relative_path"), relativePath},
            {QStringLiteral("pid"), pid},     {QStringLiteral("state"), stateName()},
            {QStringLiteral("alive"), alive}, {QStringLiteral("modified"), modified.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("note"), note}};
}

int LockScan::staleCount() const
{
    return int(std::count_if(locks.cbegin(), locks.cend(), [](const LockFileInfo &l) { return l.stale(); }));
}

QJsonObject LockScan::toJson() const
{
    QJsonArray list;
    for (const LockFileInfo &l : locks)
        list.append(l.toJson());
    return {{QStringLiteral("status"), QStringLiteral("preview")},
            {QStringLiteral("directory"), directory},
            {QStringLiteral("count"), list.size()},
            {QStringLiteral("stale"), staleCount()},
            {QStringLiteral("locks"), list}};
}

QJsonObject LockRemoval::toJson() const
{
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("pid"), pid},
                  {QStringLiteral("outcome"),
                   error ? (error.code == ErrorCode::Refused ? QStringLiteral("refused") : QStringLiteral("failed"))
                         : QStringLiteral("removed")}};
    if (error)
        o.insert(QStringLiteral("error"), error.oneLine());
    return o;
}

Expected<QString> StaleLocks::directoryFor(const Target &target)
{
    if (target.isPostgres())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("lock files belong to SQLite stores"),
                           QStringLiteral("pass the bot's data directory with --db"));
    const QFileInfo info(target.path);
    const QString dir = target.kind == Target::Kind::DataDir ? info.absoluteFilePath() : info.absolutePath();
    if (!QFileInfo(dir).isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("the folder %1 does not exist").arg(dir),
                           QStringLiteral("pass the bot's data directory with --db"));
    return dir;
}

Expected<LockScan> StaleLocks::scan(const QString &directory)
{
    const QFileInfo info(directory);
    if (!info.isDir())
        return Error::make(ErrorCode::NotFound, QStringLiteral("the folder %1 does not exist").arg(directory),
                           QStringLiteral("pass the bot's data directory with --db"));
    LockScan scan;
    scan.directory = info.absoluteFilePath();
    for (const DiscoveredItem &i : StoreDiscovery::scan(scan.directory))
        if (i.kind == DiscoveredItem::Kind::LockFile)
            scan.locks << infoFrom(i);
    return scan;
}

Error StaleLocks::removeIfStale(const QString &path, qint64 expectedPid)
{
    // Every unlink passes here: in incident mode none happens, whoever asked.
    if (Error refused = IncidentMode::refuse(QStringLiteral("removing the lock file %1").arg(path)))
        return refused;
    struct stat before {};
    const QByteArray native = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    if (::lstat(native.constData(), &before) != 0)
        return Error::make(ErrorCode::NotFound, QStringLiteral("the lock file %1 is gone").arg(path));
    const auto now = readNow(path);
    if (!now)
        return Error::make(ErrorCode::Refused, QStringLiteral("%1 is not a lock file").arg(path));
    if (now->pid != expectedPid)
        return Error::make(
            ErrorCode::Refused,
            QStringLiteral("%1 now names pid %2, not %3: a process took it").arg(path).arg(now->pid).arg(expectedPid),
            QStringLiteral("scan again"));
    if (now->pid <= 0 || StoreDiscovery::isPidAlive(now->pid))
        return Error::make(ErrorCode::Refused,
                           now->pid <= 0
                               ? QStringLiteral("%1 names no PID: it cannot be shown stale").arg(path)
                               : QStringLiteral("%1 belongs to pid %2, which is running").arg(path).arg(now->pid),
                           QStringLiteral("live locks are never removed; stop the process first"));
    struct stat after {};
    if (::lstat(native.constData(), &after) != 0 || !sameFile(before, after))
        return Error::make(ErrorCode::Refused, QStringLiteral("%1 was replaced while it was checked").arg(path),
                           QStringLiteral("scan again"));
    if (::unlink(native.constData()) != 0)
        return Error::make(ErrorCode::Io,
                           QStringLiteral("could not remove %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))),
                           QStringLiteral("check the folder's permissions"));
    return {};
}

QList<LockRemoval> StaleLocks::removeStale(const LockScan &scan, const QStringList &onlyPaths, const AuditLog &audit)
{
    QList<LockRemoval> removals;
    for (const LockFileInfo &l : scan.locks) {
        if (!l.stale() || (!onlyPaths.isEmpty() && !onlyPaths.contains(l.path)))
            continue;
        LockRemoval r{l.path, l.pid, removeIfStale(l.path, l.pid)};
        AuditRecord record;
        record.target = scan.directory;
        record.action = QStringLiteral("remove-lock");
        record.parameters = QStringLiteral("path=%1 pid=%2").arg(l.path).arg(l.pid);
        record.outcome = !r.error                             ? QStringLiteral("ok")
                         : r.error.code == ErrorCode::Refused ? QStringLiteral("refused")
                                                              : QStringLiteral("failed");
        record.detail = r.error ? r.error.oneLine() : QString();
        if (Error e = audit.append(record))
            spdlog::warn("could not write the audit record: {}", e.oneLine().toStdString());
        removals << r;
    }
    return removals;
}

} // namespace dbops
