#include "ops/datadirrestore.h"

#include "connection/storediscovery.h"
#include "ops/datadirbackup.h"
#include "ops/durablefile.h"
#include "ops/filecopy.h"
#include "ops/sha256.h"
#include "ops/sqliterestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

#include <unistd.h>

namespace dbops {

namespace {

const QLatin1String kDuckDb("duckdb");

bool isDuckDb(const RestorePlan &m) { return m.verify.manifest.engine == kDuckDb; }

// The store's path in a line about it, so a merged list says which store each writer is on.
WriterEvidence tagged(WriterEvidence w, const QString &store)
{
    if (w.kind == WriterEvidence::Kind::LockFile)
        w.name = QFileInfo(store).path() == QLatin1String(".") ? w.name : QFileInfo(store).path() + '/' + w.name;
    else
        w.detail = QStringLiteral("%1 (store %2)").arg(w.detail, store);
    return w;
}

// Who is writing to one store now. DuckDB: a write lock on the file, or a live *.lock beside it.
WriterReport writersOf(const RestorePlan &m)
{
    WriterReport report;
    if (m.intoNew())
        return report;
    if (isDuckDb(m)) {
        const QString why = DataDirBackup::writerBusyReason(m.target.path);
        if (!why.isEmpty()) {
            WriterEvidence w;
            w.kind = WriterEvidence::Kind::WriteLock;
            w.name = QFileInfo(m.target.path).fileName();
            w.detail = why;
            report.writers << w;
        }
        return report;
    }
    return WriterActivity::probeSqlite(m.target.path);
}

// Why a DuckDB member cannot be replaced as a file now; empty when it can.
QString duckDbObstacle(const RestorePlan &m, const QSet<QString> &backupFiles)
{
    if (backupFiles.contains(m.relativePath + QStringLiteral(".wal")))
        return QStringLiteral("its backup has a .wal file: restore it by hand with the bot stopped");
    if (!m.intoNew() && QFileInfo::exists(m.target.path + QStringLiteral(".wal")))
        return QStringLiteral("it has a .wal file that would be replayed onto the restored file: checkpoint it "
                              "(or stop its writer) first");
    return {};
}

// The member's verification, taken from the folder's: every member was checked there.
VerifyReport memberReport(const VerifyReport &folder, const QString &relative, const QString &path)
{
    VerifyReport r;
    r.path = path;
    r.manifestPath = BackupManifest::pathFor(path);
    auto manifest = BackupManifest::read(r.manifestPath);
    r.hasManifest = bool(manifest);
    if (manifest)
        r.manifest = manifest.value();
    r.state = folder.state;
    const QString prefix = relative + QLatin1Char(':');
    for (const TableRows &t : folder.tables)
        if (t.name.startsWith(prefix))
            r.tables << TableRows{t.name.mid(prefix.size()), t.rows, t.newest};
    return r;
}

Error memberImpact(RestorePlan &m, const OpControl &control)
{
    if (isDuckDb(m)) {
        m.impact.notes << QStringLiteral("%1: DuckDB file, replaced as a whole (%2 bytes in the backup)")
                              .arg(m.relativePath)
                              .arg(m.verify.manifest.bytes);
        return {};
    }
    auto impact =
        SqliteRestore::impact(m.intoNew() ? QString() : m.target.path, m.backupPath, control, m.verify.tables);
    if (!impact)
        return impact.error();
    m.impact = impact.value();
    return {};
}

// A DuckDB file replaced by its backup: copied beside it under a temporary name, then renamed over it.
Error replaceFile(const RestorePlan &m, const OpControl &control)
{
    const QFileInfo live(m.target.path);
    QDir().mkpath(live.absolutePath());
    const QString temp =
        live.absolutePath() + QStringLiteral("/.") + live.fileName() + QStringLiteral(".restore-%1").arg(getpid());
    QFile::remove(temp);
    auto copied = FileCopy::copy(m.backupPath, temp, control);
    if (!copied)
        return copied.error();
    if (copied->sha256 != m.verify.manifest.sha256) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Corrupt, QStringLiteral("%1 changed while it was copied").arg(m.backupPath));
    }
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(live.absoluteFilePath()).constData()) != 0) {
        QFile::remove(temp);
        return Error::make(ErrorCode::Io, QStringLiteral("cannot move the restored %1 into place").arg(m.target.path));
    }
    return DurableFile::syncDirectory(live.absolutePath());
}

RestoreResult::Status statusOf(const Error &e)
{
    switch (e.code) {
    case ErrorCode::Cancelled: return RestoreResult::Status::Cancelled;
    case ErrorCode::Refused:
    case ErrorCode::Usage: return RestoreResult::Status::Refused;
    default: return RestoreResult::Status::Failed;
    }
}

// One store: restored (one transaction, or an atomic rename) and verified after.
RestoreResult restoreMember(const RestorePlan &m, bool forced, const OpControl &control)
{
    RestoreResult r;
    r.relativePath = m.relativePath;
    r.destination = m.destination().display();
    r.forced = forced;
    if (m.intoNew())
        QDir().mkpath(QFileInfo(m.target.path).absolutePath());
    QElapsedTimer phase;
    phase.start();
    Error e = isDuckDb(m) ? replaceFile(m, control) : RestoreService::restoreData(m, control);
    r.restoreMs = phase.restart();
    if (e) {
        r.error = e;
        r.status = statusOf(e);
        return r;
    }
    r.status = RestoreResult::Status::Restored;
    if (isDuckDb(m)) {
        auto sha = Sha256::ofFile(m.target.path, control);
        if (!sha || sha.value() != m.verify.manifest.sha256)
            r.problemsAfter << QStringLiteral("its SHA-256 differs from the backup's after the restore");
    } else {
        r.problemsAfter = RestoreService::checkAfter(m, control, forced ? &r.movedAfter : nullptr);
    }
    r.verifyMs = phase.elapsed();
    r.verifiedAfter = r.problemsAfter.isEmpty();
    return r;
}

} // namespace

Error DataDirRestore::plan(RestorePlan &plan, const OpControl &control)
{
    const QDir dataDir(plan.target.path);
    QSet<QString> backupFiles;
    for (const QJsonValue &v : plan.verify.manifest.members)
        backupFiles.insert(v.toObject().value(QLatin1String("path")).toString());

    for (const QJsonValue &v : plan.verify.manifest.members) {
        const QString relative = v.toObject().value(QLatin1String("path")).toString();
        const QString engine = v.toObject().value(QLatin1String("engine")).toString();
        if (engine == kDuckDb && relative.endsWith(QLatin1String(".wal")) && backupFiles.contains(relative.chopped(4)))
            continue; // a DuckDB .wal belongs to its database (duckDbObstacle)
        if (relative.isEmpty() || QDir::isAbsolutePath(relative) || relative.contains(QLatin1String("..")))
            return Error::make(ErrorCode::Refused,
                               QStringLiteral("the backup lists a member outside its folder: \"%1\"").arg(relative),
                               QStringLiteral("the index manifest was edited; pick another backup"));
        RestorePlan m;
        m.relativePath = relative;
        m.target = Target::sqliteFile(dataDir.absoluteFilePath(relative));
        m.request = plan.request;
        m.backupPath = plan.backupPath + QLatin1Char('/') + relative;
        m.request.backupPath = m.backupPath;
        if (!QFileInfo::exists(m.target.path))
            m.request.toPath = m.target.path; // created from the backup (a new file, renamed into place)
        m.plannedAt = plan.plannedAt;
        m.verify = memberReport(plan.verify, relative, m.backupPath);
        const QFileInfo file(m.backupPath);
        m.backupBytes = file.size();
        m.backupModified = file.lastModified();
        if (control.cancelled())
            return Error::make(ErrorCode::Cancelled, QStringLiteral("restore preview cancelled"));
        if (Error e = memberImpact(m, control))
            return e;
        m.writers = writersOf(m);
        if (isDuckDb(m)) {
            const QString obstacle = duckDbObstacle(m, backupFiles);
            if (!obstacle.isEmpty())
                plan.impact.notes << QStringLiteral("%1 cannot be restored: %2").arg(relative, obstacle);
        }

        for (TableImpact t : m.impact.tables) {
            t.name = relative + QLatin1Char(':') + t.name;
            plan.impact.tables << t;
        }
        if (m.intoNew())
            plan.impact.notes
                << QStringLiteral("%1: not in the data directory now, created by the restore").arg(relative);
        else if (m.impact.schemaDiffers())
            plan.impact.notes << QStringLiteral("%1: schema changes: now %2, the backup has %3")
                                     .arg(relative, m.impact.now.display(), m.impact.backup.display());
        plan.impact.notes << m.impact.notes;
        for (const WriterEvidence &w : m.writers.writers)
            plan.writers.writers << tagged(w, relative);
        for (const WriterEvidence &w : m.writers.stale)
            plan.writers.stale << tagged(w, relative);
        plan.writers.notes << m.writers.notes;
        plan.members << m;
    }
    QStringList untouched;
    for (const DiscoveredItem &item : StoreDiscovery::scan(plan.target.path))
        if ((item.kind == DiscoveredItem::Kind::Sqlite || item.kind == DiscoveredItem::Kind::DuckDb) &&
            !backupFiles.contains(item.relativePath))
            untouched << item.relativePath;
    if (!untouched.isEmpty())
        plan.impact.notes << QStringLiteral("not in the backup, left as they are: %1").arg(untouched.join(", "));
    if (plan.members.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("the backup %1 holds no store").arg(plan.backupPath));
    return {};
}

Error DataDirRestore::apply(const RestorePlan &plan, const RestoreOptions &options, const OpControl &control,
                            RestoreResult &result)
{
    // 1. Writers, store by store (the preview may be minutes old), and DuckDB files that cannot be replaced.
    QSet<QString> backupFiles;
    for (const QJsonValue &v : plan.verify.manifest.members)
        backupFiles.insert(v.toObject().value(QLatin1String("path")).toString());
    QStringList busy, blocked;
    for (const RestorePlan &m : plan.members) {
        const WriterReport w = writersOf(m);
        for (const WriterEvidence &e : w.writers)
            result.writers.writers << tagged(e, m.relativePath);
        for (const WriterEvidence &e : w.stale)
            result.writers.stale << tagged(e, m.relativePath);
        if (w.writing())
            busy << QStringLiteral("%1: %2").arg(m.relativePath, w.describe().join(QStringLiteral(", ")));
        if (isDuckDb(m)) {
            const QString obstacle = duckDbObstacle(m, backupFiles);
            if (!obstacle.isEmpty())
                blocked << QStringLiteral("%1: %2").arg(m.relativePath, obstacle);
            else if (w.writing())
                blocked << QStringLiteral("%1: a DuckDB file is replaced as a whole, never under its writer")
                               .arg(m.relativePath);
        }
    }
    if (!blocked.isEmpty())
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("%1 cannot be restored now: %2")
                               .arg(plan.target.display(), blocked.join(QStringLiteral("; "))),
                           QStringLiteral("stop the writer of each store named, then retry"));
    if (!busy.isEmpty() && !options.force)
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("%1 store(s) of %2 in use: %3")
                               .arg(busy.size())
                               .arg(plan.target.display(), busy.join(QStringLiteral("; "))),
                           QStringLiteral("stop the bot first, or force the restore (--force)"));
    result.forced = !busy.isEmpty();

    // 2. One safety backup of the whole directory, before any store is touched (unless no store of the
    //    backup exists yet: then the restore only adds files and there is nothing to keep).
    const bool touchesAStore =
        std::any_of(plan.members.begin(), plan.members.end(), [](const RestorePlan &m) { return !m.intoNew(); });
    if (touchesAStore)
        if (Error e = RestoreService::takeSafetyBackup(plan, control, result))
            return e;
    if (control.cancelled())
        return Error::make(ErrorCode::Cancelled,
                           QStringLiteral("restore cancelled before it started; nothing changed"));

    // 3. Store by store: each old or new, verified after. A failure stops the rest (named in the error).
    QElapsedTimer timer;
    timer.start();
    QStringList done, failedAfter;
    for (int i = 0; i < plan.members.size(); ++i) {
        const RestorePlan &m = plan.members.at(i);
        const qint64 offset = i;
        OpControl sub{control.token,
                      control.progress ? JobContext::ProgressFn([&, offset](qint64 d, qint64 t, const QString &what) {
                          control.report(offset * 1000 + (t > 0 ? d * 1000 / t : 0), plan.members.size() * 1000,
                                         m.relativePath + QStringLiteral(": ") + what);
                      })
                                       : JobContext::ProgressFn()};
        RestoreResult one = restoreMember(m, result.forced, sub);
        result.members << one;
        result.movedAfter << one.movedAfter;
        for (const QString &p : one.problemsAfter)
            result.problemsAfter << QStringLiteral("%1: %2").arg(m.relativePath, p);
        if (one.status != RestoreResult::Status::Restored) {
            QStringList left;
            for (int j = i + 1; j < plan.members.size(); ++j)
                left << plan.members.at(j).relativePath;
            result.restoreMs = timer.elapsed();
            if (!done.isEmpty())
                result.status = RestoreResult::Status::Failed; // part of the directory changed
            Error e = one.error;
            e.message =
                QStringLiteral("%1 was not restored (%2): %3%4%5")
                    .arg(m.relativePath, RestoreResult::statusName(one.status), e.message,
                         done.isEmpty() ? QString() : QStringLiteral("; already restored: %1").arg(done.join(", ")),
                         left.isEmpty() ? QString() : QStringLiteral("; not attempted: %1").arg(left.join(", ")));
            if (!done.isEmpty() && statusOf(e) != RestoreResult::Status::Failed)
                e.code = ErrorCode::Io; // not "nothing changed": some stores were restored
            e.hint = QStringLiteral("each store is either as before or restored; the safety backup %1 holds the "
                                    "whole directory as it was")
                         .arg(result.safetyBackup.path);
            return e;
        }
        done << m.relativePath;
        if (!one.verifiedAfter)
            failedAfter << m.relativePath;
    }
    result.restoreMs = timer.elapsed();
    result.status = RestoreResult::Status::Restored;
    result.verifiedAfter = failedAfter.isEmpty();
    if (!result.verifiedAfter)
        return Error::make(
            ErrorCode::Corrupt,
            QStringLiteral("%1 was restored but fails verification: %2")
                .arg(result.destination, result.problemsAfter.join(QStringLiteral("; "))),
            QStringLiteral("the previous state is in the safety backup %1").arg(result.safetyBackup.path));
    return {};
}

} // namespace dbops
