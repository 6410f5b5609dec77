#include "ops/momentscratch.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dbops {

namespace {
constexpr int kAttempts = 1000;
}

QString MomentScratch::namePattern() { return QStringLiteral(".dbops-at.partial-*"); }

QList<PartialFile> MomentScratch::removeStale(const QString &dir)
{
    return PartialFiles::removeStale(dir, {namePattern(), PartialFiles::oldScratchPattern()});
}

MomentScratch::MomentScratch(const QString &dir) : m_dir(dir)
{
    removeStale(dir);
    const QString stem = QDir(dir).filePath(QStringLiteral(".dbops-at.partial-%1-").arg(::getpid()));
    for (int n = 0; n < kAttempts && m_path.isEmpty(); ++n) {
        const QString candidate = stem + QString::number(n);
        if (::mkdir(QFile::encodeName(candidate).constData(), 0700) == 0)
            m_path = candidate;
        else if (errno != EEXIST)
            return;
    }
    if (m_path.isEmpty())
        return;
    // Held while this restore runs: a process in another PID namespace sharing the folder sees it in use too.
    m_lockFd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_lockFd >= 0)
        ::flock(m_lockFd, LOCK_EX | LOCK_NB);
}

Error MomentScratch::failure() const
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot make a scratch folder in %1").arg(m_dir),
                       QStringLiteral("check the folder's permissions and free space (TMPDIR for $TMPDIR)"));
}

MomentScratch MomentScratch::besideOrTemp(const QString &newPath)
{
    if (!newPath.isEmpty()) {
        MomentScratch beside(QFileInfo(newPath).absolutePath());
        if (beside.isValid())
            return beside;
    }
    return MomentScratch(QDir::tempPath());
}

MomentScratch::MomentScratch(MomentScratch &&other) noexcept
    : m_dir(other.m_dir), m_path(other.m_path), m_lockFd(other.m_lockFd)
{
    other.m_path.clear();
    other.m_lockFd = -1;
}

void MomentScratch::release()
{
    m_path.clear();
    if (m_lockFd >= 0)
        ::close(m_lockFd);
    m_lockFd = -1;
}

MomentScratch::~MomentScratch()
{
    if (!m_path.isEmpty())
        QDir(m_path).removeRecursively();
    release();
}

} // namespace dbops
