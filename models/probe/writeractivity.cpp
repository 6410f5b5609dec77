#include "probe/writeractivity.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "connection/storediscovery.h"
#include "core/incidentmode.h"
#include "dialect/sqltext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

#include <dirent.h>
#include <unistd.h>

namespace dbops {

namespace {

QString readLink(const QByteArray &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(path.constData(), buffer, sizeof buffer - 1);
    return n > 0 ? QString::fromLocal8Bit(buffer, int(n)) : QString();
}

// The access mode of an open file, from the "flags:" line of /proc/<pid>/fdinfo/<fd> (octal open flags).
bool openedForWriting(const QByteArray &fdinfoPath)
{
    QFile info(QString::fromLocal8Bit(fdinfoPath));
    if (!info.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : info.readAll().split('\n'))
        if (line.startsWith("flags:"))
            return (line.mid(6).trimmed().toLongLong(nullptr, 8) & 3) != 0; // O_WRONLY or O_RDWR
    return false;
}

QString processName(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return QStringLiteral("pid %1").arg(pid);
    return QString::fromLocal8Bit(comm.readAll()).trimmed();
}

// The database and the side files that show a writer: -wal (WAL mode) and -journal (rollback mode).
QStringList watchedPaths(const QString &databasePath)
{
    const QFileInfo info(databasePath);
    const QString canonical = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    return {canonical, canonical + QStringLiteral("-wal"), canonical + QStringLiteral("-journal")};
}

QJsonObject toJsonObject(const WriterEvidence &w)
{
    QJsonArray pids;
    for (qint64 pid : w.pids)
        pids.append(pid);
    return QJsonObject{{QStringLiteral("kind"), WriterEvidence::kindName(w.kind)},
                       {QStringLiteral("name"), w.name},
                       {QStringLiteral("pids"), pids},
                       {QStringLiteral("sessions"), w.sessions},
                       {QStringLiteral("stale"), w.stale},
                       {QStringLiteral("detail"), w.detail}};
}

} // namespace

QString WriterEvidence::kindName(Kind kind)
{
    switch (kind) {
    case Kind::OpenFile: return QStringLiteral("open_file");
    case Kind::WriteLock: return QStringLiteral("write_lock");
    case Kind::LockFile: return QStringLiteral("lock_file");
    case Kind::Session: return QStringLiteral("session");
    }
    return {};
}

QString WriterEvidence::describe() const
{
    QStringList pidText;
    for (qint64 pid : pids)
        pidText << QString::number(pid);
    const QString who = name.isEmpty() ? QStringLiteral("(no name)") : name;
    switch (kind) {
    case Kind::OpenFile:
        return QStringLiteral("process %1 (pid %2) %3").arg(who, pidText.join(QLatin1Char(',')), detail);
    case Kind::WriteLock: return QStringLiteral("a write transaction is open: %1").arg(detail);
    case Kind::LockFile:
        return QStringLiteral("lock file %1 names %2 pid %3")
            .arg(who, stale ? QStringLiteral("dead") : QStringLiteral("live"), pidText.join(QLatin1Char(',')));
    case Kind::Session:
        return QStringLiteral("application %1: %2 (pids %3)").arg(who, detail, pidText.join(QLatin1Char(',')));
    }
    return detail;
}

QStringList WriterReport::describe() const
{
    QStringList lines;
    for (const WriterEvidence &w : writers)
        lines << w.describe();
    return lines;
}

QJsonArray WriterReport::toJson() const
{
    QJsonArray list;
    for (const WriterEvidence &w : writers)
        list.append(toJsonObject(w));
    return list;
}

QJsonArray WriterReport::staleJson() const
{
    QJsonArray list;
    for (const WriterEvidence &w : stale)
        list.append(toJsonObject(w));
    return list;
}

QList<WriterEvidence> WriterActivity::processesHolding(const QStringList &paths)
{
    const QSet<QString> wanted(paths.begin(), paths.end());
    QList<WriterEvidence> found;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return found;
    const qint64 self = ::getpid();
    while (dirent *entry = ::readdir(proc)) {
        bool numeric = false;
        const qint64 pid = QByteArray(entry->d_name).toLongLong(&numeric);
        if (!numeric || pid == self)
            continue;
        const QByteArray fdDir = "/proc/" + QByteArray(entry->d_name) + "/fd";
        DIR *fds = ::opendir(fdDir.constData());
        if (!fds)
            continue; // another user's process: not ours to see
        QStringList held;
        bool writable = false;
        while (dirent *fd = ::readdir(fds)) {
            if (fd->d_name[0] == '.')
                continue;
            const QString target = readLink(fdDir + '/' + fd->d_name);
            if (!wanted.contains(target))
                continue;
            writable = writable || openedForWriting("/proc/" + QByteArray(entry->d_name) + "/fdinfo/" + fd->d_name);
            if (!held.contains(QFileInfo(target).fileName()))
                held << QFileInfo(target).fileName();
        }
        ::closedir(fds);
        if (held.isEmpty())
            continue;
        WriterEvidence w;
        w.kind = WriterEvidence::Kind::OpenFile;
        w.name = processName(pid);
        w.pids << pid;
        w.detail = QStringLiteral("holds %1 open (%2)")
                       .arg(held.join(QStringLiteral(", ")),
                            writable ? QStringLiteral("read-write") : QStringLiteral("read-only"));
        found << w;
    }
    ::closedir(proc);
    return found;
}

bool WriterActivity::writeLockHeld(const QString &databasePath, QString *why)
{
    // A probe changes nothing: were it the last connection to close, SQLite would checkpoint the WAL into the
    // main file and delete -wal and -shm. With a -wal present it closes without that checkpoint; without one
    // (rollback mode, or no connection open) closing as usual leaves the files as they were.
    if (IncidentMode::isOn()) { // the probe takes the write lock for a moment: not while nothing may write
        if (why)
            *why = QStringLiteral("incident mode is on (the probe would take it for a moment)");
        return false;
    }
    const bool walPresent = QFileInfo::exists(databasePath + QStringLiteral("-wal"));
    SqliteHandle probe;
    if (Error e = probe.open(databasePath, SqliteHandle::Mode::ReadWrite, 0)) {
        if (why)
            *why = e.code == ErrorCode::Busy ? QStringLiteral("the database is locked") : e.oneLine();
        return e.code == ErrorCode::Busy;
    }
    if (walPresent)
        probe.keepWalOnClose();
    Error e = probe.exec(SqlText::sqlite("common", "begin_immediate"));
    if (!e) {
        probe.exec(SqlText::sqlite("common", "rollback"));
        return false;
    }
    if (why)
        *why = e.code == ErrorCode::Busy ? QStringLiteral("another connection holds the write lock on %1")
                                               .arg(QFileInfo(databasePath).fileName())
                                         : e.oneLine();
    return e.code == ErrorCode::Busy;
}

void WriterActivity::lockFilesIn(const QString &folder, WriterReport &report)
{
    for (const DiscoveredItem &item : StoreDiscovery::scan(folder, 0)) {
        if (item.kind != DiscoveredItem::Kind::LockFile || item.pid <= 0)
            continue;
        WriterEvidence w;
        w.kind = WriterEvidence::Kind::LockFile;
        w.name = QFileInfo(item.path).fileName();
        w.pids << item.pid;
        w.stale = !item.lockAlive;
        w.detail =
            w.stale ? item.note : QStringLiteral("pid %1 (%2) holds it").arg(item.pid).arg(processName(item.pid));
        (w.stale ? report.stale : report.writers) << w;
    }
}

WriterReport WriterActivity::probeSqlite(const QString &databasePath)
{
    WriterReport report;
    if (QDir(QStringLiteral("/proc/self/fd")).exists())
        report.writers << processesHolding(watchedPaths(databasePath));
    else
        report.notes << QStringLiteral("/proc is not available: processes holding the file were not checked");
    QString why;
    if (writeLockHeld(databasePath, &why)) {
        WriterEvidence w;
        w.kind = WriterEvidence::Kind::WriteLock;
        w.name = QFileInfo(databasePath).fileName();
        w.detail = why;
        report.writers << w;
    } else if (!why.isEmpty()) {
        report.notes << QStringLiteral("write lock not checked: %1").arg(why);
    }
    lockFilesIn(QFileInfo(databasePath).absolutePath(), report);
    return report;
}

Expected<WriterReport> WriterActivity::probePostgres(const Target &target, const SessionOptions &options)
{
    ScopedConnection conn(target, options, QStringLiteral("writers"));
    if (!conn.ok())
        return conn.error();
    QSqlQuery q(conn.db());
    if (!q.exec(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("restore_sessions"))))
        return Connector::classify(q.lastError(), target, QStringLiteral("list the sessions on"));
    WriterReport report;
    while (q.next()) {
        WriterEvidence w;
        w.kind = WriterEvidence::Kind::Session;
        w.name = q.value(0).toString();
        w.sessions = q.value(1).toInt();
        for (const QString &pid : q.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            w.pids << pid.toLongLong();
        w.detail = QStringLiteral("%1 session(s): %2 active, %3 idle in transaction, %4 idle, from %5")
                       .arg(w.sessions)
                       .arg(q.value(3).toInt())
                       .arg(q.value(4).toInt())
                       .arg(q.value(5).toInt())
                       .arg(q.value(6).toString());
        (w.name.startsWith(QLatin1String("dbops")) ? report.ours : report.writers) << w;
    }
    return report;
}

Expected<WriterReport> WriterActivity::probe(const Target &target, const SessionOptions &options)
{
    switch (target.kind) {
    case Target::Kind::SqliteFile: return probeSqlite(target.path);
    case Target::Kind::Postgres: return probePostgres(target, options);
    case Target::Kind::DataDir: {
        WriterReport all;
        QSet<QString> seen; // a lock file in a folder of several stores is reported once
        auto add = [&seen](QList<WriterEvidence> &to, const QList<WriterEvidence> &from, const QString &folder) {
            for (const WriterEvidence &w : from) {
                const QString key = WriterEvidence::kindName(w.kind) + folder + w.name + w.detail;
                if (w.kind != WriterEvidence::Kind::LockFile || !seen.contains(key)) {
                    seen.insert(key);
                    to << w;
                }
            }
        };
        for (const DiscoveredItem &item : StoreDiscovery::scan(target.path)) {
            if (item.kind != DiscoveredItem::Kind::Sqlite)
                continue;
            const WriterReport one = probeSqlite(item.path);
            const QString folder = QFileInfo(item.path).absolutePath();
            add(all.writers, one.writers, folder);
            add(all.stale, one.stale, folder);
            all.notes << one.notes;
        }
        return all;
    }
    case Target::Kind::None: break;
    }
    return Error::make(ErrorCode::Usage, QStringLiteral("no target to probe"), QStringLiteral("pass --db TARGET"));
}

} // namespace dbops
