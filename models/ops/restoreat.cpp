#include "ops/restoreat.h"

#include "ops/backupcatalog.h"
#include "ops/backupnaming.h"
#include "ops/litestream.h"

#include <QDir>
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

// Litestream restores a timestamp only between the first and last file of a generation, to the nanosecond, while
// `generations` lists whole seconds: a moment in the last listed second may be after the last file. Nothing was shipped
// after that file, so the generation's newest state is the state then. (A generation that began within that same
// second is asked by timestamp: its first file may be later than the moment.)
QStringList restoreArguments(const ReplicaGeneration &g, const QDateTime &at, const QString &out, const QString &url)
{
    QStringList args{QStringLiteral("restore"), QStringLiteral("-o"), out, QStringLiteral("-generation"), g.id};
    const bool inLastSecond = at >= g.end && at >= g.start.addSecs(1);
    if (!inLastSecond)
        args << QStringLiteral("-timestamp") << at.toUTC().toString(Qt::ISODateWithMs);
    return args << url;
}

Expected<MomentSource> fromReplica(const QString &binary, const ReplicaWindow &w, const ReplicaGeneration &g,
                                   const Target &target, const QDateTime &at, const QString &scratchDir)
{
    // Named with the moment, so that the plan reads it as a timestamped copy (BotBackups) like any other.
    const QString out = QDir(scratchDir)
                            .filePath(QStringLiteral("%1_%2.db")
                                          .arg(QFileInfo(target.path).completeBaseName(),
                                               at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
    QProcess p;
    p.start(binary, restoreArguments(g, at, out, QUrl::fromLocalFile(w.replicaPath).toString()));
    if (!p.waitForFinished(kRestoreTimeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 ||
        !QFileInfo(out).isFile()) {
        p.kill();
        p.waitForFinished(1000);
        return Error::make(
            ErrorCode::QueryFailed,
            QStringLiteral("litestream restore of %1 at %2 failed")
                .arg(w.replicaPath, at.toUTC().toString(Qt::ISODate)),
            QStringLiteral("check the replica (`dbops backups --replica`) and the scratch folder %1").arg(scratchDir),
            QString::fromUtf8(p.readAllStandardError()).trimmed());
    }
    return MomentSource{
        QStringLiteral("replica"), out, at.toUTC(),
        QStringLiteral("the Litestream replica %1 at %2").arg(w.replicaPath, at.toUTC().toString(Qt::ISODateWithMs))};
}

} // namespace

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
        for (const ReplicaGeneration &g : window ? window->generations : QList<ReplicaGeneration>())
            if (g.start <= at && at <= g.end.addMSecs(999)) // the window's ends are whole seconds
                return fromReplica(binary.value(), window.value(), g, target, at, scratchDir);
    }
    return newestBackupBefore(target, at, backupDir);
}

} // namespace dbops
