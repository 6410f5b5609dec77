#include "pitr/pitrdatadir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {
Error refused(const QString &what, const QString &path, const QString &hint)
{
    return Error::make(ErrorCode::Usage, QStringLiteral("side instance directory %1 %2").arg(path, what), hint);
}
} // namespace

Expected<uint> PitrDataDir::ownerUid(const QString &osUser)
{
    if (::geteuid() != 0 || osUser.isEmpty())
        return uint(::geteuid());
    const struct passwd *pw = ::getpwnam(osUser.toLocal8Bit().constData());
    if (!pw)
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("there is no OS user %1 to own the cluster").arg(osUser),
                           QStringLiteral("install PostgreSQL (it creates the user postgres)"));
    return uint(pw->pw_uid);
}

QString PitrDataDir::closedAncestor(const QString &path, const QString &osUser)
{
    if (::geteuid() != 0 || osUser.isEmpty() || path.isEmpty())
        return {};
    const struct passwd *pw = ::getpwnam(osUser.toLocal8Bit().constData());
    if (!pw || pw->pw_uid == 0)
        return {};
    for (QString dir = QFileInfo(path).absolutePath();; dir = QFileInfo(dir).absolutePath()) {
        struct stat st {};
        if (::stat(QFile::encodeName(dir).constData(), &st) == 0) { // a missing one is made by root, 0755
            const bool passes = st.st_uid == pw->pw_uid   ? (st.st_mode & S_IXUSR)
                                : st.st_gid == pw->pw_gid ? (st.st_mode & S_IXGRP)
                                                          : (st.st_mode & S_IXOTH);
            if (!passes)
                return dir;
        }
        if (QDir(dir).isRoot())
            return {};
    }
}

Error PitrDataDir::prepare(const QString &path, const QString &osUser)
{
    auto uid = ownerUid(osUser);
    if (!uid)
        return uid.error();
    const QFileInfo info(path);
    if (path.isEmpty() || !QFileInfo(info.absolutePath()).isDir())
        return refused(QStringLiteral("has no parent folder"), path,
                       QStringLiteral("create its parent folder first, or name a directory in an existing one"));
    if (const QString closed = closedAncestor(path, osUser); !closed.isEmpty())
        return refused(
            QStringLiteral("is out of %1's reach: %2 does not let it in").arg(osUser, closed), path,
            QStringLiteral("name a directory %1 can enter (under /var/tmp, say), or chmod o+x %2").arg(osUser, closed));
    const QByteArray native = QFile::encodeName(info.absoluteFilePath());
    if (!info.exists()) {
        // Made 0700 from the start: the cluster's files are never readable by others, not even for a moment.
        if (::mkdir(native.constData(), 0700) != 0 || ::chown(native.constData(), uid.value(), gid_t(-1)) != 0)
            return refused(QStringLiteral("cannot be created"), path,
                           QStringLiteral("check the permissions of its parent folder"));
        return {};
    }
    if (!info.isDir() || !QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return refused(QStringLiteral("exists and is not empty"), path,
                       QStringLiteral("name a new directory (dbops creates it), or an empty one"));
    struct stat st {};
    if (::stat(native.constData(), &st) != 0 || st.st_uid != uid.value() || (st.st_mode & 0777) != 0700)
        return refused(
            QStringLiteral("must be owned by %1 with mode 0700").arg(::geteuid() == 0 ? osUser : QStringLiteral("you")),
            path,
            QStringLiteral("chown %1 '%2' && chmod 0700 '%2', or name a new directory (dbops creates it)")
                .arg(::geteuid() == 0 ? osUser : qEnvironmentVariable("USER"), path));
    return {};
}

void PitrDataDir::clear(const QString &path)
{
    QDir dir(path);
    for (const QFileInfo &entry :
         dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        if (entry.isDir() && !entry.isSymLink())
            QDir(entry.absoluteFilePath()).removeRecursively();
        else
            QFile::remove(entry.absoluteFilePath());
    }
}

} // namespace dbops
