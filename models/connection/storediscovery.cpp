#include "connection/storediscovery.h"

#include "connection/filehead.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <climits>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <sys/types.h>
#endif

namespace dbops {

namespace {

constexpr qint64 MaxSmallFileRead = 4096; // lock and version files are a few bytes; never read a big file

// Through SQLite's file layer: a store's header read never drops this process's locks on it (filehead.h).
QByteArray head(const QString &path, qint64 bytes) { return FileHead::read(path, bytes); }

bool isBackupDirName(const QString &name)
{
    return name.compare(QLatin1String("backup"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("backups"), Qt::CaseInsensitive) == 0;
}

bool isSchemaVersionName(const QString &name)
{
    return name == QLatin1String(".schema_version") || name == QLatin1String("schema_version");
}

bool isLockName(const QString &name) { return name.endsWith(QLatin1String(".lock"), Qt::CaseInsensitive); }

// The PID in a lock file: the whole content, its first line, or a pid field ("pid": 12, pid=12).
qint64 pidFromLockContent(const QString &content)
{
    static const QRegularExpression digits(QStringLiteral(R"(^\d{1,18}$)"));
    static const QRegularExpression field(QStringLiteral(R"(\bpid\b["']?\s*[:=]\s*["']?(\d{1,18})\b)"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QString firstLine = content.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (digits.match(firstLine).hasMatch())
        return firstLine.toLongLong();
    const auto match = field.match(content);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

QString symlinkNote(const QFileInfo &info)
{
    return info.isSymLink() ? QStringLiteral("symlink to %1").arg(info.symLinkTarget()) : QString();
}

QString joinNotes(const QString &a, const QString &b)
{
    if (a.isEmpty())
        return b;
    return b.isEmpty() ? a : a + QStringLiteral("; ") + b;
}

class Scanner {
public:
    Scanner(const QString &root, int maxDepth) : m_root(root), m_maxDepth(maxDepth) {}
    void walk(const QString &dir, int depth);
    QList<DiscoveredItem> items;

private:
    QFileInfoList entries(const QString &dir, int depth);
    void addFile(const QFileInfo &info);
    DiscoveredItem item(DiscoveredItem::Kind kind, const QFileInfo &info) const;
    DiscoveredItem sqlite(const QFileInfo &info) const;
    DiscoveredItem duckDb(const QFileInfo &info) const;
    DiscoveredItem lockFile(const QFileInfo &info) const;
    DiscoveredItem schemaVersion(const QFileInfo &info) const;
    void addBackupDir(const QFileInfo &info, int depth);

    QDir m_root;
    int m_maxDepth;
    QSet<QString> m_visited; // canonical directories, against bind-mount loops
};

// Entries of `dir`, or none when it was seen already (or cannot be read).
QFileInfoList Scanner::entries(const QString &dir, int depth)
{
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    if (canonical.isEmpty() || depth > m_maxDepth || m_visited.contains(canonical))
        return {};
    m_visited.insert(canonical);
    // No QDir::System: FIFOs and sockets are never listed, so never opened (a read would block).
    return QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void Scanner::walk(const QString &dir, int depth)
{
    for (const QFileInfo &info : entries(dir, depth)) {
        if (info.isDir()) {
            if (info.isSymLink())
                continue;
            if (isBackupDirName(info.fileName()))
                addBackupDir(info, depth + 1);
            else
                walk(info.absoluteFilePath(), depth + 1);
        } else if (info.isFile()) {
            addFile(info);
        }
    }
}

void Scanner::addFile(const QFileInfo &info)
{
    const QString name = info.fileName();
    const QString path = info.absoluteFilePath();
    if (isLockName(name))
        items.append(lockFile(info));
    else if (isSchemaVersionName(name))
        items.append(schemaVersion(info));
    else if (FileHead::isSqliteSideFile(name))
        return; // -wal/-shm/-journal: never opened (closing a descriptor on -shm drops the process's WAL locks)
    else if (StoreDiscovery::isSqliteFile(path))
        items.append(sqlite(info));
    else if (StoreDiscovery::isDuckDbFile(path))
        items.append(duckDb(info));
    // Anything else is not a store.
}

DiscoveredItem Scanner::item(DiscoveredItem::Kind kind, const QFileInfo &info) const
{
    DiscoveredItem it;
    it.kind = kind;
    it.path = info.absoluteFilePath();
    it.relativePath = m_root.relativeFilePath(it.path);
    it.bytes = info.size();
    it.modified = info.lastModified();
    it.note = symlinkNote(info);
    return it;
}

DiscoveredItem Scanner::sqlite(const QFileInfo &info) const
{
    DiscoveredItem it = item(DiscoveredItem::Kind::Sqlite, info);
    const QFileInfo wal(it.path + QStringLiteral("-wal"));
    if (wal.isFile()) {
        it.walBytes = wal.size();
        it.modified = std::max(it.modified, wal.lastModified()); // WAL mode writes the -wal, not the file
    }
    const QFileInfo journal(it.path + QStringLiteral("-journal"));
    if (journal.isFile() && journal.size() > 0)
        it.note = joinNotes(it.note, QStringLiteral("rollback journal present: a write is in progress or was "
                                                    "interrupted"));
    return it;
}

DiscoveredItem Scanner::duckDb(const QFileInfo &info) const
{
    DiscoveredItem it = item(DiscoveredItem::Kind::DuckDb, info);
    const QFileInfo wal(it.path + QStringLiteral(".wal"));
    if (wal.isFile())
        it.walBytes = wal.size();
    it.note = joinNotes(it.note, QStringLiteral("DuckDB: listed only, Qt SQL has no DuckDB driver"));
    return it;
}

DiscoveredItem Scanner::lockFile(const QFileInfo &info) const
{
    DiscoveredItem it = item(DiscoveredItem::Kind::LockFile, info);
    QFile file(it.path);
    if (!file.open(QIODevice::ReadOnly)) {
        it.note = joinNotes(it.note, QStringLiteral("cannot read: %1").arg(file.errorString()));
        return it;
    }
    const QString content = QString::fromUtf8(file.read(MaxSmallFileRead)).trimmed();
    it.pid = pidFromLockContent(content);
    it.pidAlive = StoreDiscovery::isPidAlive(it.pid);
    QString note;
    if (content.isEmpty())
        note = QStringLiteral("empty: no PID recorded");
    else if (it.pid <= 0)
        note = QStringLiteral("no PID found in its content");
    else if (it.pidAlive)
        note = QStringLiteral("held by running process %1").arg(it.pid);
    else
        note = QStringLiteral("stale: process %1 is not running").arg(it.pid);
    it.note = joinNotes(it.note, note);
    return it;
}

DiscoveredItem Scanner::schemaVersion(const QFileInfo &info) const
{
    DiscoveredItem it = item(DiscoveredItem::Kind::SchemaVersion, info);
    QFile file(it.path);
    if (!file.open(QIODevice::ReadOnly))
        it.note = joinNotes(it.note, QStringLiteral("cannot read: %1").arg(file.errorString()));
    else
        it.version = QString::fromUtf8(file.read(MaxSmallFileRead)).trimmed();
    return it;
}

// One item for the whole folder: total bytes, newest file, how many files and how many are SQLite.
void Scanner::addBackupDir(const QFileInfo &info, int depth)
{
    DiscoveredItem it = item(DiscoveredItem::Kind::BackupDir, info);
    it.bytes = 0;
    it.modified = {};
    int files = 0;
    int sqliteFiles = 0;
    QList<std::pair<QString, int>> pending{{info.absoluteFilePath(), depth}};
    while (!pending.isEmpty()) {
        const auto [dir, dirDepth] = pending.takeLast();
        for (const QFileInfo &entry : entries(dir, dirDepth)) {
            if (entry.isDir() && !entry.isSymLink()) {
                pending.append({entry.absoluteFilePath(), dirDepth + 1});
            } else if (entry.isFile() && !entry.isSymLink()) {
                ++files;
                it.bytes += entry.size();
                sqliteFiles += StoreDiscovery::isSqliteFile(entry.absoluteFilePath()) ? 1 : 0;
                if (!it.modified.isValid() || entry.lastModified() > it.modified)
                    it.modified = entry.lastModified();
            }
        }
    }
    if (files == 0)
        return;
    it.note = QStringLiteral("%1 file(s), %2 SQLite; backups, not live stores").arg(files).arg(sqliteFiles);
    items.append(it);
}

} // namespace

QString DiscoveredItem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Sqlite: return QStringLiteral("sqlite");
    case Kind::DuckDb: return QStringLiteral("duckdb");
    case Kind::LockFile: return QStringLiteral("lock");
    case Kind::SchemaVersion: return QStringLiteral("schema_version");
    case Kind::BackupDir: return QStringLiteral("backup_dir");
    }
    return {};
}

QList<DiscoveredItem> StoreDiscovery::scan(const QString &directory, int maxDepth)
{
    const QFileInfo root(directory);
    if (directory.isEmpty() || !root.isDir())
        return {};
    Scanner scanner(root.absoluteFilePath(), maxDepth);
    scanner.walk(root.absoluteFilePath(), 0);
    QList<DiscoveredItem> items = scanner.items;
    std::sort(items.begin(), items.end(), [](const DiscoveredItem &a, const DiscoveredItem &b) {
        if (a.kind != b.kind)
            return a.kind < b.kind;
        return a.relativePath < b.relativePath;
    });
    return items;
}

bool StoreDiscovery::isSqliteFile(const QString &path)
{
    static const QByteArray magic("SQLite format 3\0", 16);
    return head(path, magic.size()) == magic;
}

bool StoreDiscovery::isDuckDbFile(const QString &path)
{
    // DuckDB's main header: an 8-byte checksum, then the magic "DUCK" at bytes 8..11.
    const QByteArray bytes = head(path, 12);
    return bytes.size() == 12 && bytes.mid(8, 4) == "DUCK";
}

bool StoreDiscovery::isPidAlive(qint64 pid)
{
#ifdef Q_OS_UNIX
    if (pid <= 0 || pid > INT_MAX)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) == 0)
        return true;
    return errno == EPERM; // exists, owned by someone else
#else
    Q_UNUSED(pid);
    return false;
#endif
}

} // namespace dbops
