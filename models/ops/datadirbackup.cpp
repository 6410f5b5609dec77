#include "ops/datadirbackup.h"

#include "connection/storediscovery.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"
#include "ops/filecopy.h"
#include "ops/sha256.h"
#include "ops/sqlitebackup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dbops {

namespace {

// Progress across members: each member's bytes count from where the previous ones ended.
OpControl offsetControl(const OpControl &control, qint64 offset, qint64 total)
{
    OpControl c;
    c.token = control.token;
    if (control.progress)
        c.progress = [progress = control.progress, offset, total](qint64 done, qint64, const QString &what) {
            progress(offset + done, total, what);
        };
    return c;
}

QJsonObject memberEntry(const QString &relative, const BackupManifest &m)
{
    QJsonObject o{{QStringLiteral("path"), relative},
                  {QStringLiteral("engine"), m.engine},
                  {QStringLiteral("bytes"), m.bytes},
                  {QStringLiteral("sha256"), m.sha256}};
    if (m.sourceCorrupt)
        o.insert(QStringLiteral("source_corrupt"), true);
    return o;
}

// A DuckDB file (or its .wal) copied as a file, with its own manifest.
Expected<BackupResult> copyDuckDb(const QString &source, const QString &destination, const BackupRequest &request,
                                  const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    auto copied = FileCopy::copy(source, destination, control);
    if (!copied)
        return copied.error();
    BackupManifest m;
    m.kind = QStringLiteral("datadir-member");
    m.engine = QStringLiteral("duckdb");
    m.source = source;
    m.sourceId = BackupNaming::sourceId(Target::sqliteFile(source));
    m.file = QFileInfo(destination).fileName();
    m.format_ = QStringLiteral("file-copy");
    m.createdAt = createdAt;
    m.bytes = copied->bytes;
    m.sha256 = copied->sha256;
    m.tools = QJsonObject{{QStringLiteral("dbops"), QStringLiteral(DBOPS_VERSION)},
                          {QStringLiteral("method"), QStringLiteral("file-copy (no writer lock held)")}};
    m.durationMs = timer.elapsed();
    Q_UNUSED(request);
    return BackupResult::writeBeside(destination, m);
}

} // namespace

QString DataDirBackup::treeHash(const QJsonArray &members)
{
    QStringList lines;
    for (const QJsonValue &v : members) {
        const QJsonObject o = v.toObject();
        lines << o.value(QLatin1String("sha256")).toString() + QStringLiteral("  ") +
                     o.value(QLatin1String("path")).toString();
    }
    lines.sort();
    Sha256 hash;
    const QByteArray text = (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
    hash.update(text.constData(), size_t(text.size()));
    return hash.finishHex();
}

QList<qint64> DataDirBackup::lockHolders(const QString &path)
{
    QList<qint64> pids;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pids;
    // Would a read lock on the whole file conflict? Only a write lock does: DuckDB's read-only openers take
    // read locks, which a copy does not need to respect. (Our process holds no lock on the file, so closing
    // this descriptor drops nothing.)
    struct flock probe {};
    probe.l_type = F_RDLCK;
    probe.l_whence = SEEK_SET;
    if (fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK)
        pids << qint64(probe.l_pid > 0 ? probe.l_pid : -1);
    ::close(fd);
    return pids;
}

QString DataDirBackup::writerBusyReason(const QString &duckdbPath)
{
    const QList<qint64> holders = lockHolders(duckdbPath);
    if (!holders.isEmpty())
        return holders.first() > 0
                   ? QStringLiteral("a live writer (PID %1) holds a write lock on it").arg(holders.first())
                   : QStringLiteral("a live writer holds a write lock on it");
    const QFileInfo file(duckdbPath);
    for (const QFileInfo &lock :
         QDir(file.absolutePath()).entryInfoList({QStringLiteral("*.lock")}, QDir::Files | QDir::Hidden)) {
        QFile f(lock.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = f.read(256).trimmed();
        bool ok = false;
        const qint64 pid = text.split('\n').value(0).trimmed().toLongLong(&ok);
        if (ok && StoreDiscovery::isPidAlive(pid))
            return QStringLiteral("its writer lock %1 names a live process (PID %2)").arg(lock.fileName()).arg(pid);
    }
    return {};
}

Expected<BackupResult> DataDirBackup::run(const Target &target, const BackupRequest &request, const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    const QFileInfo sourceDir(target.path);
    if (!sourceDir.isDir())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("the data directory %1 does not exist").arg(target.path));
    const QString dir = BackupNaming::outDirFor(request);
    if (!QDir().mkpath(dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the backup folder %1").arg(dir),
                           QStringLiteral("check the path and permissions, or pass another --out"));
    const QString finalDir = BackupNaming::freshName(dir, sourceDir.fileName(), {}, request.kind, request.precedes);
    const QString staging =
        dir + QStringLiteral("/.") + QFileInfo(finalDir).fileName() + QStringLiteral(".partial-%1").arg(getpid());
    if (!QDir().mkpath(staging))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create %1").arg(staging));
    struct Cleanup {
        QString path;
        int lockFd; // flock on the staging folder: in use, for PartialFiles' sweep
        ~Cleanup()
        {
            if (!path.isEmpty())
                QDir(path).removeRecursively();
            if (lockFd >= 0)
                ::close(lockFd);
        }
    } cleanup{staging, ::open(QFile::encodeName(staging).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (cleanup.lockFd >= 0)
        ::flock(cleanup.lockFd, LOCK_EX | LOCK_NB);

    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    const QList<DiscoveredItem> items = StoreDiscovery::scan(target.path);
    qint64 total = 0;
    for (const DiscoveredItem &item : items)
        if (item.kind == DiscoveredItem::Kind::Sqlite || item.kind == DiscoveredItem::Kind::DuckDb)
            total += item.bytes + item.walBytes;

    BackupResult result;
    BackupManifest index;
    qint64 done = 0;
    BackupRequest member = request;
    member.kind = QStringLiteral("datadir-member");
    member.audit = false;
    for (const DiscoveredItem &item : items) {
        const bool sqlite = item.kind == DiscoveredItem::Kind::Sqlite;
        if (!sqlite && item.kind != DiscoveredItem::Kind::DuckDb)
            continue;
        if (control.cancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("backup of %1 cancelled").arg(target.display()));
        const QString destination = staging + QLatin1Char('/') + item.relativePath;
        QDir().mkpath(QFileInfo(destination).absolutePath());
        const OpControl sub = offsetControl(control, done, total);
        QList<QPair<QString, QString>> copies{{item.path, destination}}; // SQLite: one snapshot, WAL included
        if (!sqlite) {
            const QString why = writerBusyReason(item.path);
            if (!why.isEmpty()) {
                result.skipped << QStringLiteral("%1: %2").arg(item.relativePath, why);
                continue;
            }
            if (QFileInfo::exists(item.path + QStringLiteral(".wal")))
                copies << qMakePair(item.path + QStringLiteral(".wal"), destination + QStringLiteral(".wal"));
        }
        for (const auto &[from, to] : copies) {
            auto r = sqlite ? SqliteBackup::runTo(from, to, member, sub) : copyDuckDb(from, to, member, sub);
            if (!r) {
                if (r.error().code == ErrorCode::Cancelled || r.error().code == ErrorCode::Io)
                    return r.error(); // cancel, disk full: the job as a whole stops
                result.skipped << QStringLiteral("%1: backup failed: %2")
                                      .arg(QDir(target.path).relativeFilePath(from), r.error().message);
                continue;
            }
            const QString relative = QDir(staging).relativeFilePath(to);
            index.members.append(memberEntry(relative, r->manifest));
            index.bytes += r->manifest.bytes;
            index.sourceCorrupt = index.sourceCorrupt || r->manifest.sourceCorrupt;
            for (const QString &w : r->manifest.warnings)
                index.warnings << relative + QStringLiteral(": ") + w;
            r->path = finalDir + QLatin1Char('/') + relative;
            r->manifestPath = BackupManifest::pathFor(r->path);
            result.members << r.value();
        }
        done += item.bytes + item.walBytes;
    }
    if (result.members.isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no store to back up in %1").arg(target.path),
                           result.skipped.isEmpty() ? QStringLiteral("the folder holds no SQLite or DuckDB file")
                                                    : result.skipped.join(QStringLiteral("; ")));
    if (Error e = DurableFile::syncDirectory(staging))
        return e;
    if (::rename(QFile::encodeName(staging).constData(), QFile::encodeName(finalDir).constData()) != 0)
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot move the finished backup into place as %1").arg(finalDir));
    cleanup.path.clear();
    if (Error e = DurableFile::syncDirectory(dir))
        return e;

    index.kind = request.kind;
    index.engine = QStringLiteral("datadir");
    index.source = target.display();
    index.sourceId = BackupNaming::sourceId(target);
    index.file = QFileInfo(finalDir).fileName();
    index.format_ = QStringLiteral("datadir");
    index.createdAt = createdAt;
    index.sha256 = DataDirBackup::treeHash(index.members);
    index.skipped = result.skipped;
    index.tools =
        QJsonObject{{QStringLiteral("dbops"), QStringLiteral(DBOPS_VERSION)},
                    {QStringLiteral("method"), QStringLiteral("datadir: SQLite snapshots, DuckDB file copies")}};
    index.durationMs = timer.elapsed();
    result.path = finalDir;
    result.manifestPath = BackupManifest::pathFor(finalDir);
    result.manifest = index;
    if (Error e = index.write(result.manifestPath)) {
        QDir(finalDir).removeRecursively(); // no folder without its index: it could not be verified
        return e;
    }
    return result;
}

} // namespace dbops
