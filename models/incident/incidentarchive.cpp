#include "incident/incidentarchive.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace dbops {

namespace {

constexpr int kTarTimeoutMs = 60000;
constexpr int kPollMs = 100;

Error ioError(const QString &message, const QString &detail = {})
{
    return Error::make(ErrorCode::Io, message, QStringLiteral("check the destination folder's space and rights"),
                       detail);
}

// fsync of a file or directory by path (our own files only, never a store).
bool syncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

Error runTar(const QString &parent, const QString &folder, const QString &partial, const OpControl &control)
{
    const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
    if (tar.isEmpty())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("tar was not found on PATH"),
                           QStringLiteral("install tar (Debian: apt install tar)"));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tar, {QStringLiteral("-czf"), partial, QStringLiteral("-C"), parent, folder});
    if (!p.waitForStarted())
        return ioError(QStringLiteral("tar could not be started"), p.errorString());
    for (int waited = 0; !p.waitForFinished(kPollMs); waited += kPollMs) {
        if (control.cancelled() || waited > kTarTimeoutMs) {
            p.kill();
            p.waitForFinished();
            return control.cancelled()
                       ? Error::make(ErrorCode::Cancelled, QStringLiteral("the incident capture was cancelled"))
                       : Error::make(ErrorCode::Timeout, QStringLiteral("tar took longer than a minute"),
                                     QStringLiteral("check the destination folder's disk"));
        }
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return ioError(QStringLiteral("tar could not write %1").arg(partial), QString::fromLocal8Bit(p.readAll()));
    return {};
}

} // namespace

Expected<QByteArray> IncidentArchive::checksums(const QString &dir, const QStringList &files)
{
    QByteArray out;
    for (const QString &name : files) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return ioError(QStringLiteral("cannot read %1 of the evidence bundle").arg(f.fileName()), f.errorString());
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        out += hash.result().toHex() + "  " + name.toUtf8() + '\n';
    }
    return out;
}

Error IncidentArchive::pack(const QString &parent, const QString &folder, const QString &finalPath,
                            const OpControl &control)
{
    const QFileInfo target(finalPath);
    const QString partial = target.dir().filePath(
        QStringLiteral(".%1.partial-%2").arg(target.fileName()).arg(QCoreApplication::applicationPid()));
    Error e = runTar(parent, folder, partial, control);
    if (!e && !syncPath(partial, false))
        e = ioError(QStringLiteral("cannot flush %1").arg(partial));
    if (!e && ::rename(QFile::encodeName(partial).constData(), QFile::encodeName(finalPath).constData()) != 0)
        e = ioError(QStringLiteral("cannot rename %1 to %2").arg(partial, finalPath));
    if (e) {
        QFile::remove(partial);
        return e;
    }
    syncPath(target.absolutePath(), true); // the rename itself survives a crash
    return {};
}

} // namespace dbops
