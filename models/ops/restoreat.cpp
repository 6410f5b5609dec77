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
#include <optional>

namespace dbops {

namespace {

constexpr int kRestoreTimeoutMs = 30 * 60 * 1000; // a 1 GiB store restores in seconds; a slow disk gets room

bool isOfStore(const CatalogEntry &e, const Target &target)
{
    if (e.isBot())
        return e.bot.mayBeOf(target.path);
    return BackupNaming::sameSource(e.manifest.sourceId, BackupNaming::sourceId(target)) &&
           e.manifest.engine == QLatin1String("sqlite");
}

// `noReplica`: why no replica served (empty: none was asked for), said beside the backup picked or in the error.
Expected<MomentSource> newestBackupBefore(const Target &target, const QDateTime &at, const QString &backupDir,
                                          const QString &noReplica = {})
{
    auto entries = BackupCatalog::list(backupDir);
    if (!entries)
        return entries.error();
    int failed = 0;
    for (const CatalogEntry &e : entries.value()) { // newest first
        if (!isOfStore(e, target) || e.manifest.createdAt > at)
            continue;
        if (e.state == Verification::State::Failed) {
            ++failed;
            continue;
        }
        const QString taken = e.manifest.createdAt.toUTC().toString(Qt::ISODate);
        return MomentSource{QStringLiteral("backup"), e.path, e.manifest.createdAt.toUTC(),
                            noReplica.isEmpty()
                                ? QStringLiteral("the backup %1 taken %2").arg(e.path, taken)
                                : QStringLiteral("the backup %1 taken %2 (%3)").arg(e.path, taken, noReplica)};
    }
    QStringList why;
    why << (noReplica.isEmpty() ? QStringLiteral("no replica covers it") : noReplica);
    why << (failed > 0 ? QStringLiteral("the %1 backup(s) of it taken by then failed verification").arg(failed)
                       : QStringLiteral("no backup of it was taken by then"));
    return Error::make(ErrorCode::NotFound,
                       QStringLiteral("no restore point of %1 at or before %2: %3")
                           .arg(target.display(), at.toUTC().toString(Qt::ISODate), why.join(QStringLiteral(", and "))),
                       QStringLiteral("`dbops backups --dir DIR --db STORE --replica DIR` lists what there is"));
}

// Where Litestream writes the store's state at `moment`: named with the moment, so that the plan reads it as a
// timestamped copy (BotBackups) like any other.
QString scratchFile(const Target &target, const QString &scratchDir, const QDateTime &moment)
{
    return QDir(scratchDir)
        .filePath(QStringLiteral("%1_%2.db")
                      .arg(QFileInfo(target.path).completeBaseName(),
                           moment.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
}

// `litestream restore -timestamp` started before `litestream generations` has read the replica's window (0.05–0.3
// s): without -generation, Litestream picks the generation holding the moment itself. Taken only when it restored
// the very generation generationAt() picks; otherwise stopped, and the restore made as before.
class EarlyRestore {
public:
    EarlyRestore(const QString &binary, const QString &replicaPath, const QString &out, const QDateTime &at)
        : m_out(out)
    {
        m_proc.start(binary, {QStringLiteral("restore"), QStringLiteral("-o"), out, QStringLiteral("-timestamp"),
                              at.toUTC().toString(Qt::ISODateWithMs), QUrl::fromLocalFile(replicaPath).toString()});
    }
    ~EarlyRestore() { stop(); }
    EarlyRestore(const EarlyRestore &) = delete;
    EarlyRestore &operator=(const EarlyRestore &) = delete;

    // Waits for it: true when it wrote generation `id`'s state into the output file.
    bool restored(const QString &id)
    {
        static const QRegularExpression used(QStringLiteral(R"(generation=([0-9a-f]+))"));
        const bool ok = m_proc.waitForFinished(kRestoreTimeoutMs) && m_proc.exitStatus() == QProcess::NormalExit &&
                        m_proc.exitCode() == 0 && QFileInfo(m_out).isFile() &&
                        used.match(QString::fromUtf8(m_proc.readAllStandardError())).captured(1) == id;
        stop();
        return ok;
    }
    void stop()
    {
        if (m_proc.state() == QProcess::NotRunning)
            return;
        m_proc.kill();
        m_proc.waitForFinished(5000);
    }

private:
    QString m_out;
    QProcess m_proc;
};

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
                                   const Target &target, const QDateTime &at, const QString &scratchDir,
                                   EarlyRestore *early)
{
    const bool inWindow = at <= g.end.addMSecs(999); // the window's ends are whole seconds
    const QDateTime restoredTo = inWindow ? at.toUTC() : g.end;
    const QString out = scratchFile(target, scratchDir, restoredTo);
    // The early restore wrote `out` when it took this generation; stopped otherwise before `out` is written again.
    const bool earlyDone = inWindow && early && early->restored(g.id);
    if (early)
        early->stop();
    Error e = inWindow && !earlyDone ? litestreamRestore(binary, w, g, out, at) : Error();
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
        const double seconds = m.captured(1).toDouble() * unit.value(m.captured(2));
        if (seconds > 100.0 * 365 * 86400) // before any store existed: a typo, not a moment
            return Error::make(ErrorCode::Usage, QStringLiteral("--at %1 is more than 100 years ago").arg(text),
                               QStringLiteral("give a moment the store existed at (-15m, -2h, -3d, or ISO-8601)"));
        return now.toUTC().addMSecs(-qint64(seconds * 1000));
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
    QString noReplica; // the replica asked for and why it could not serve: said with the backup picked instead
    if (!replicaRoot.isEmpty() && !QFileInfo(replicaRoot).isDir())
        noReplica = QFileInfo::exists(replicaRoot)
                        ? QStringLiteral("the replica folder %1 is a file, not a folder").arg(replicaRoot)
                        : QStringLiteral("the replica folder %1 does not exist").arg(replicaRoot);
    if (!replicaRoot.isEmpty() && noReplica.isEmpty()) {
        auto binary = Litestream::find();
        if (!binary)
            return binary.error();
        const QString replicaPath = Litestream::replicaPathIn(replicaRoot, target.path);
        std::optional<EarlyRestore> early;
        if (QFileInfo(QDir(replicaPath).filePath(QStringLiteral("generations"))).isDir())
            early.emplace(binary.value(), replicaPath, scratchFile(target, scratchDir, at), at);
        auto window = Litestream::window(binary.value(), replicaRoot, target.path);
        if (!window && window.error().code != ErrorCode::NotFound)
            return window.error();
        if (const ReplicaGeneration *g = window ? generationAt(window.value(), at) : nullptr) {
            auto replica =
                fromReplica(binary.value(), window.value(), *g, target, at, scratchDir, early ? &*early : nullptr);
            if (!replica || replica->restoredTo >= at)
                return replica;
            // The replica stopped before `at`: a backup taken after its last change is nearer to the moment.
            auto backup = newestBackupBefore(target, at, backupDir);
            return backup && backup->restoredTo > replica->restoredTo ? backup : replica;
        }
        noReplica = window ? QStringLiteral("the replica in %1 does not cover that moment").arg(replicaRoot)
                           : QStringLiteral("no replica of this store in %1").arg(replicaRoot);
    }
    return newestBackupBefore(target, at, backupDir, noReplica);
}

} // namespace dbops
