#include "ops/restoreat.h"

#include "ops/backupcatalog.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"
#include "ops/litestream.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

namespace dbops {

namespace {

constexpr int kRestoreTimeoutMs = 30 * 60 * 1000; // a 1 GiB store restores in seconds; a slow disk gets room

bool isOfStore(const CatalogEntry &e, const Target &target)
{
    if (e.isBot())
        return e.bot.mayBeOf(target.path);
    return e.manifest.sourceId == BackupNaming::sourceId(target) && e.manifest.engine == QLatin1String("sqlite");
}

Expected<MomentSource> newestBackupBefore(const Target &target, const QDateTime &at, const QString &backupDir)
{
    auto entries = BackupCatalog::list(backupDir);
    if (!entries)
        return entries.error();
    for (const CatalogEntry &e : entries.value()) { // newest first
        if (e.state == Verification::State::Failed || !isOfStore(e, target) || e.manifest.createdAt > at)
            continue;
        return MomentSource{
            QStringLiteral("backup"), e.path, e.manifest.createdAt.toUTC(),
            QStringLiteral("the backup %1 taken %2").arg(e.path, e.manifest.createdAt.toUTC().toString(Qt::ISODate))};
    }
    return Error::make(ErrorCode::NotFound,
                       QStringLiteral("no restore point of %1 at or before %2: no replica covers it and no backup "
                                      "was taken by then")
                           .arg(target.display(), at.toUTC().toString(Qt::ISODate)),
                       QStringLiteral("`dbops backups --dir DIR --db STORE --replica DIR` lists what there is"));
}

// `litestream restore` of generation `g` into `out`: its state at `at`, or its newest state when `at` is empty.
Error litestreamRestore(const QString &binary, const ReplicaWindow &w, const ReplicaGeneration &g, const QString &out,
                        const QDateTime &at)
{
    QStringList args{QStringLiteral("restore"), QStringLiteral("-o"), out, QStringLiteral("-generation"), g.id};
    if (at.isValid())
        args << QStringLiteral("-timestamp") << at.toUTC().toString(Qt::ISODateWithMs);
    QFile::remove(out);
    QProcess p;
    p.start(binary, args << QUrl::fromLocalFile(w.replicaPath).toString());
    if (p.waitForFinished(kRestoreTimeoutMs) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 &&
        QFileInfo(out).isFile())
        return {};
    p.kill();
    p.waitForFinished(1000);
    return Error::make(
        ErrorCode::QueryFailed,
        QStringLiteral("litestream restore of %1 at %2 failed")
            .arg(w.replicaPath, at.isValid() ? at.toUTC().toString(Qt::ISODate) : QStringLiteral("its newest state")),
        QStringLiteral("check the replica (`dbops backups --replica`) and the scratch folder %1")
            .arg(QFileInfo(out).path()),
        QString::fromUtf8(p.readAllStandardError()).trimmed());
}

// Generation `g` as it was at `at`. Litestream restores a moment only up to the generation's last change (exact
// to the nanosecond, while `generations` prints whole seconds); a later moment gets the generation's newest
// state, which is the store at `at` when Litestream was running then (nothing changed), else the last state
// the replica knows — restoredTo says which.
Expected<MomentSource> fromReplica(const QString &binary, const ReplicaWindow &w, const ReplicaGeneration &g,
                                   const Target &target, const QDateTime &at, const QString &scratchDir)
{
    const bool inWindow = at <= g.end.addMSecs(999); // the window's ends are whole seconds
    const QDateTime restoredTo = inWindow ? at.toUTC() : g.end;
    // Named with the moment, so that the plan reads it as a timestamped copy (BotBackups) like any other.
    const QString out = QDir(scratchDir)
                            .filePath(QStringLiteral("%1_%2.db")
                                          .arg(QFileInfo(target.path).completeBaseName(),
                                               restoredTo.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
    Error e = inWindow ? litestreamRestore(binary, w, g, out, at) : Error();
    // Refused in the window's last second: `at` is past the last change (in its first second, it would be before
    // the snapshot, and the newest state would hold later rows: that error stands).
    if (!inWindow || (at >= g.end && e.detail.contains(QLatin1String("no matching backups"))))
        e = litestreamRestore(binary, w, g, out, {});
    if (e)
        return e;
    // Its verification reads it from the page cache meanwhile; a restore into a new file then finds it on disk.
    DurableFile::startWriteback(out);
    return MomentSource{QStringLiteral("replica"), out, restoredTo,
                        QStringLiteral("the Litestream replica %1 (generation %2) at %3")
                            .arg(w.replicaPath, g.id, restoredTo.toString(Qt::ISODateWithMs)),
                        true};
}

// The generation holding the store at `at`: the newest one started by then.
const ReplicaGeneration *generationAt(const ReplicaWindow &w, const QDateTime &at)
{
    const ReplicaGeneration *found = nullptr;
    for (const ReplicaGeneration &g : w.generations)
        if (g.start <= at && (!found || g.start > found->start))
            found = &g;
    return found;
}

} // namespace

RestoreRequest MomentSource::request(RestoreRequest base) const
{
    base.backupPath = path;
    base.backupIsScratch = scratch;
    return base;
}

Expected<QDateTime> RestoreAt::parseMoment(const QString &text, const QDateTime &now)
{
    static const QRegularExpression relative(QStringLiteral(R"(^-(\d+(?:\.\d+)?)([smhd])$)"));
    const QRegularExpressionMatch m = relative.match(text.trimmed());
    if (m.hasMatch()) {
        const QHash<QString, double> unit{{QStringLiteral("s"), 1},
                                          {QStringLiteral("m"), 60},
                                          {QStringLiteral("h"), 3600},
                                          {QStringLiteral("d"), 86400}};
        return now.toUTC().addMSecs(-qint64(m.captured(1).toDouble() * unit.value(m.captured(2)) * 1000));
    }
    QDateTime at = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!at.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("--at %1 is not a moment").arg(text),
                           QStringLiteral("ISO-8601 (2026-12-04T11:57:00Z, or local 2026-12-04T12:57:00) or "
                                          "relative (-15m, -2h)"));
    return at.toUTC(); // no zone given: Qt reads it as local time
}

Expected<MomentSource> RestoreAt::pick(const Target &target, const QDateTime &at, const QString &replicaRoot,
                                       const QString &backupDir, const QString &scratchDir)
{
    if (target.kind != Target::Kind::SqliteFile)
        return Error::make(ErrorCode::Usage, QStringLiteral("--at restores one SQLite store"),
                           QStringLiteral("pass --db with the store's file"));
    if (!replicaRoot.isEmpty()) {
        auto binary = Litestream::find();
        if (!binary)
            return binary.error();
        auto window = Litestream::window(binary.value(), replicaRoot, target.path);
        if (!window && window.error().code != ErrorCode::NotFound)
            return window.error();
        if (const ReplicaGeneration *g = window ? generationAt(window.value(), at) : nullptr) {
            auto replica = fromReplica(binary.value(), window.value(), *g, target, at, scratchDir);
            if (!replica || replica->restoredTo >= at)
                return replica;
            // The replica stopped before `at`: a backup taken after its last change is nearer to the moment.
            auto backup = newestBackupBefore(target, at, backupDir);
            return backup && backup->restoredTo > replica->restoredTo ? backup : replica;
        }
    }
    return newestBackupBefore(target, at, backupDir);
}

} // namespace dbops
