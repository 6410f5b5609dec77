#include "ops/sqliterestore.h"

#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"
#include "ops/durablefile.h"
#include "ops/filecopy.h"
#include "ops/keyedloss.h"
#include "ops/sqlitestoreinfo.h"
#include "schema/timeextremes.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>
#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace dbops {

namespace {

constexpr int kPagesPerStep = 4096; // 16 MiB of 4 KiB pages between progress reports and cancel checks

struct Side {
    qint64 rows = -1;
    QString column;
    QVariant newest;
};

// `newest`: also the newest timestamp of each table (a full scan when the column has no index: only worth it
// when there is a live side to compare with).
Expected<QMap<QString, Side>> measure(SqliteHandle &db, const OpControl &control, const QString &what,
                                      const QList<TableRows> &known = {}, bool newest = true)
{
    QHash<QString, qint64> knownRows;
    for (const TableRows &t : known)
        knownRows.insert(t.name, t.rows);
    auto tables = SqliteStoreInfo::tables(db);
    if (!tables)
        return tables.error();
    QMap<QString, Side> sides;
    int done = 0;
    for (const SqliteTable &t : tables.value()) {
        if (control.cancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("restore preview cancelled"));
        control.report(++done, tables->size(), what);
        Side side;
        if (knownRows.contains(t.name) && knownRows.value(t.name) >= 0) {
            side.rows = knownRows.value(t.name);
        } else {
            auto rows = SqliteStoreInfo::countRows(db, t.name);
            if (!rows)
                return rows.error();
            side.rows = rows.value();
        }
        side.column = SqliteStoreInfo::timestampColumn(db, t.name);
        if (newest && !side.column.isEmpty()) {
            auto value = TimeExtremes::newest(db, t.name, side.column);
            if (value)
                side.newest = value.value();
        }
        sides.insert(t.name, side);
    }
    return sides;
}

QString text(const QVariant &v) { return v.isNull() ? QString() : v.toString(); }

// The rows of one table present on both sides that the restore takes away: those newer than the backup's
// newest timestamp, and (when `keyed` and the budget allows) those whose key the backup lacks, whatever their
// age. The estimate is the larger; a difference of row counts only when neither could be counted.
Error measureLoss(TableImpact &t, SqliteHandle &live, const Side &now, const Side &then, bool keyed, qint64 *budget)
{
    if (!now.column.isEmpty() && now.column == then.column && !then.newest.isNull()) {
        auto newer = TimeExtremes::rowsNewerThan(live, t.name, now.column, then.newest);
        if (newer)
            t.rowsNewer = newer.value();
    } else if (!now.column.isEmpty() && then.rows == 0) {
        t.rowsNewer = now.rows;
    }
    if (keyed && now.rows <= *budget) {
        const QStringList key = KeyedLoss::keyOf(live, t.name);
        auto missing = KeyedLoss::count(live, t.name, key);
        if (!missing && missing.error().code == ErrorCode::Cancelled)
            return missing.error();
        if (missing) {
            t.rowsMissing = missing.value();
            t.key = key.isEmpty() ? QStringLiteral("rowid") : key.join(QStringLiteral(", "));
            *budget -= now.rows;
        }
    } else if (keyed) {
        t.note = QStringLiteral("too many rows to compare by key in a preview: loss counted by timestamp only");
    }
    t.lostIsExact = t.rowsNewer >= 0 || t.rowsMissing >= 0;
    t.rowsLostEstimate =
        t.lostIsExact ? std::max(t.rowsNewer, t.rowsMissing) : std::max<qint64>(0, now.rows - then.rows);
    return {};
}

} // namespace

Expected<RestoreImpact> SqliteRestore::impact(const QString &livePath, const QString &backupPath,
                                              const OpControl &control, const QList<TableRows> &backupRows)
{
    SqliteHandle backup;
    if (Error e = backup.open(backupPath, SqliteHandle::Mode::Immutable))
        return e;
    backup.setCancelToken(control.token);
    // Into a new file nothing is lost: the backup's newest timestamps would only cost a scan of each table.
    auto inBackup = measure(backup, control, QStringLiteral("reading the backup"), backupRows, !livePath.isEmpty());
    if (!inBackup)
        return inBackup.error();
    RestoreImpact impact;
    impact.backup.userVersion = SqliteStoreInfo::userVersion(backup);
    impact.backup.migrationVersion = SqliteStoreInfo::migrationVersion(backup);

    QMap<QString, Side> inLive;
    SqliteHandle live;
    bool keyed = false;
    if (!livePath.isEmpty()) {
        if (Error e = live.open(livePath, SqliteHandle::Mode::ReadOnly))
            return e;
        live.setCancelToken(control.token);
        keyed = !KeyedLoss::attach(live, backupPath); // before the transaction: ATTACH cannot run inside one
        // One read transaction: counts and maxima of the live side belong to one moment.
        if (Error e = live.exec(SqlText::sqlite("common", "begin")))
            return e;
        auto measured = measure(live, control, QStringLiteral("reading the live store"));
        if (!measured)
            return measured.error();
        inLive = measured.value();
        impact.now.userVersion = SqliteStoreInfo::userVersion(live);
        impact.now.migrationVersion = SqliteStoreInfo::migrationVersion(live);
    }

    QStringList names = inLive.keys();
    for (const QString &name : inBackup->keys())
        if (!inLive.contains(name))
            names << name;
    std::sort(names.begin(), names.end());
    qint64 budget = KeyedLoss::kRowBudget;
    for (const QString &name : names) {
        const Side now = inLive.value(name);
        const Side then = inBackup->value(name);
        TableImpact t;
        t.name = name;
        t.rowsNow = now.rows;
        t.rowsBackup = then.rows;
        t.timestampColumn = now.column.isEmpty() ? then.column : now.column;
        t.newestNow = text(now.newest);
        t.newestBackup = text(then.newest);
        if (now.rows < 0) {
            t.note = QStringLiteral("only in the backup: created by the restore");
        } else if (then.rows < 0) {
            t.rowsLostEstimate = now.rows;
            t.lostIsExact = true;
            t.note = QStringLiteral("not in the backup: dropped by the restore");
        } else {
            control.report(impact.tables.size(), names.size(), QStringLiteral("comparing rows with the backup"));
            if (Error e = measureLoss(t, live, now, then, keyed, &budget))
                return e;
        }
        impact.tables << t;
    }
    impact.sortLossesFirst();
    if (live.raw())
        live.exec(SqlText::sqlite("common", "rollback"));
    return impact;
}

Error SqliteRestore::restoreInto(const QString &backupPath, const QString &livePath, const OpControl &control,
                                 int busyTimeoutMs)
{
    SqliteHandle source;
    if (Error e = source.open(backupPath, SqliteHandle::Mode::Immutable))
        return e;
    SqliteHandle live;
    if (Error e = live.open(livePath, SqliteHandle::Mode::ReadWrite, busyTimeoutMs))
        return e;
    sqlite3_backup *copy = sqlite3_backup_init(live.raw(), "main", source.raw(), "main");
    if (!copy)
        return live.error(sqlite3_errcode(live.raw()), QStringLiteral("start the restore into"));
    int rc = SQLITE_OK;
    bool cancelled = false;
    while (true) {
        rc = sqlite3_backup_step(copy, kPagesPerStep);
        const int total = sqlite3_backup_pagecount(copy);
        control.report(total - sqlite3_backup_remaining(copy), total, QStringLiteral("restoring pages"));
        if (rc == SQLITE_DONE || (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED))
            break;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) // the busy timeout already waited: a writer keeps the lock
            break;
        if (control.cancelled()) {
            cancelled = true;
            break;
        }
    }
    // Before SQLITE_DONE, finish() rolls the live database's transaction back: nothing of the copy remains.
    sqlite3_backup_finish(copy);
    if (cancelled)
        return Error::make(ErrorCode::Cancelled,
                           QStringLiteral("restore into %1 cancelled; the database is unchanged").arg(livePath));
    if (rc == SQLITE_DONE) {
        // WAL: the restored pages sit in the -wal until a checkpoint; start one now without waiting on readers.
        live.exec(SqlText::sqlite("common", "wal_checkpoint_passive"));
        return {};
    }
    Error e = live.error(rc, QStringLiteral("restore into"));
    if (e.code == ErrorCode::Busy)
        e.hint = QStringLiteral("a writer kept the database locked; stop the bot and retry");
    else if ((rc & 0xff) == SQLITE_READONLY)
        e.hint =
            QStringLiteral("the backup's page size differs from the live WAL database's; restore with --to NEW_PATH");
    e.message += QStringLiteral(" (the database is unchanged)");
    return e;
}

Error SqliteRestore::restoreToNew(const QString &backupPath, const QString &newPath, const OpControl &control,
                                  const QString &expectedSha256)
{
    if (QFileInfo::exists(newPath))
        return Error::make(ErrorCode::Usage, QStringLiteral("%1 already exists").arg(newPath),
                           QStringLiteral("--to restores into a new file only; pick a path that does not exist"));
    auto copied = FileCopy::copy(backupPath, newPath, control, expectedSha256);
    if (!copied)
        return copied.error();
    return {};
}

Expected<bool> SqliteRestore::moveToNew(const QString &scratch, const QString &newPath, const OpControl &control)
{
    const QByteArray from = QFile::encodeName(scratch);
    const QByteArray to = QFile::encodeName(newPath);
    auto failed = [&](const QString &what, int err) {
        return Error::make(ErrorCode::Io,
                           QStringLiteral("%1 %2 failed: %3").arg(what, newPath, QString::fromLocal8Bit(strerror(err))),
                           QStringLiteral("check that the folder exists, is writable and has room; %1 was not "
                                          "created")
                               .arg(newPath));
    };
    // The writer of the scratch file (Litestream) may have left it in the page cache: on disk before its name is.
    const int fd = ::open(from.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return failed(QStringLiteral("reading the restored copy for"), errno);
    const int synced = fdatasync(fd) == 0 ? 0 : errno;
    ::close(fd);
    if (synced)
        return failed(QStringLiteral("flushing the restored copy for"), synced);
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) != 0) {
        const int err = errno;
        if (err == EEXIST)
            return Error::make(ErrorCode::Usage, QStringLiteral("%1 already exists").arg(newPath),
                               QStringLiteral("--to restores into a new file only; pick a path that does not exist"));
        if (err != EXDEV)
            return failed(QStringLiteral("renaming the restored copy to"), err);
        auto copied = FileCopy::copy(scratch, newPath, control); // another file system: durable copy
        if (!copied)
            return copied.error();
        return false;
    }
    if (Error e = DurableFile::syncDirectory(QFileInfo(newPath).absolutePath()))
        return e;
    return true;
}

QStringList SqliteRestore::check(const QString &path, const BackupManifest &manifest, const OpControl &control,
                                 QStringList *moving, bool byteCopy)
{
    SqliteHandle db;
    if (Error e = db.open(path, SqliteHandle::Mode::ReadOnly))
        return {e.oneLine()};
    db.setCancelToken(control.token);
    QStringList problems;
    if (byteCopy) {
        auto tables = SqliteStoreInfo::tables(db);
        if (!tables)
            return {QStringLiteral("cannot read the schema of %1: %2").arg(path, tables.error().message)};
        QSet<QString> names;
        for (const SqliteTable &t : tables.value())
            names.insert(t.name);
        for (const TableRows &t : manifest.tables)
            if (!names.contains(t.name))
                problems << QStringLiteral("table %1 of the backup is missing after the restore").arg(t.name);
        return problems;
    }
    control.report(0, 1, QStringLiteral("integrity check of the restored database"));
    db.exec(SqlText::sqlite("common", "begin"));
    auto check = db.query(SqlText::sqlite("common", "integrity_check"));
    if (!check)
        return {QStringLiteral("integrity check failed: %1").arg(check.error().message)};
    QStringList messages;
    for (const QVariantList &row : check.value())
        messages << row.value(0).toString();
    if (messages != QStringList{QStringLiteral("ok")})
        problems << QStringLiteral("integrity check: %1").arg(messages.mid(0, 5).join(QStringLiteral("; ")));
    for (const TableRows &t : manifest.tables) {
        auto rows = SqliteStoreInfo::countRows(db, t.name);
        if (!rows)
            problems << QStringLiteral("cannot count rows of %1: %2").arg(t.name, rows.error().message);
        else if (rows.value() != t.rows)
            (moving ? *moving : problems) << QStringLiteral("table %1 has %2 rows after the restore, the backup has %3")
                                                 .arg(t.name)
                                                 .arg(rows.value())
                                                 .arg(t.rows);
    }
    db.exec(SqlText::sqlite("common", "rollback"));
    return problems;
}

} // namespace dbops
