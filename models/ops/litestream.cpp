#include "ops/litestream.h"

#include "connection/filehead.h"
#include "connection/storediscovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>
#include <algorithm>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace dbops {

namespace {

constexpr int kCommandTimeoutMs = 30000;
const QLatin1String kSetupPrefix("/opt/dbops/litestream/bin");

QString isoUtc(const QDateTime &t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); }

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

Error notFound(const QString &why)
{
    return Error::make(ErrorCode::Unsupported, QStringLiteral("Litestream was not found: %1").arg(why),
                       QStringLiteral("run `bash installer/dbops-setup.sh test` (installs Litestream %1 from npm), "
                                      "or set DBOPS_LITESTREAM to a litestream %1 binary")
                           .arg(QLatin1String(Litestream::kVersion)));
}

// WAL mode is bytes 18 and 19 of the header (file format read / write version) both being 2.
bool inWalMode(const QString &path)
{
    const QByteArray head = FileHead::read(path, 20);
    return head.size() == 20 && head.at(18) == 2 && head.at(19) == 2;
}

QString yamlQuoted(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// `litestream generations URL` prints a header, then "name generation lag start end" per generation.
QList<ReplicaGeneration> parseGenerations(const QString &text)
{
    QList<ReplicaGeneration> list;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QStringList f = line.simplified().split(QLatin1Char(' '));
        if (f.size() < 5 || f.at(0) == QLatin1String("name"))
            continue;
        ReplicaGeneration g{f.at(1), QDateTime::fromString(f.at(3), Qt::ISODate),
                            QDateTime::fromString(f.at(4), Qt::ISODate)};
        if (g.start.isValid() && g.end.isValid())
            list << g;
    }
    return list;
}

} // namespace

QJsonObject ReplicaWindow::toJson() const
{
    QJsonArray gens;
    for (const ReplicaGeneration &g : generations)
        gens.append(QJsonObject{{QStringLiteral("id"), g.id},
                                {QStringLiteral("start"), isoUtc(g.start)},
                                {QStringLiteral("end"), isoUtc(g.end)}});
    auto moment = [](const QDateTime &t) { return t.isValid() ? QJsonValue(isoUtc(t)) : QJsonValue(); };
    return QJsonObject{{QStringLiteral("engine"), QStringLiteral("litestream")},
                       {QStringLiteral("path"), replicaPath},
                       {QStringLiteral("restorable_from"), moment(restorableFrom)},
                       {QStringLiteral("restorable_to"), moment(restorableTo)},
                       {QStringLiteral("lag_s"), lagS < 0 ? QJsonValue() : QJsonValue(lagS)},
                       {QStringLiteral("generations"), gens}};
}

Expected<QString> Litestream::find(const QString &besideDir)
{
    const QString chosen = qEnvironmentVariable("DBOPS_LITESTREAM");
    if (!chosen.isEmpty())
        return isExecutableFile(chosen)
                   ? Expected<QString>(QFileInfo(chosen).absoluteFilePath())
                   : Expected<QString>(
                         notFound(QStringLiteral("DBOPS_LITESTREAM=%1 is not an executable file").arg(chosen)));
    const QString dir = besideDir.isEmpty() ? QCoreApplication::applicationDirPath() : besideDir;
    const QString beside = QDir(dir).filePath(QStringLiteral("litestream"));
    if (isExecutableFile(beside))
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("litestream"));
    if (!onPath.isEmpty())
        return onPath;
    const QString installed = QDir(kSetupPrefix).filePath(QStringLiteral("litestream"));
    if (isExecutableFile(installed))
        return installed;
    return notFound(
        QStringLiteral("not in DBOPS_LITESTREAM, beside dbops (%1), on PATH or in %2").arg(dir, kSetupPrefix));
}

QString Litestream::replicaPathFor(const QString &replicaRoot, const QString &storePath)
{
    const QFileInfo store(storePath);
    const QString canonical =
        store.canonicalFilePath().isEmpty() ? store.absoluteFilePath() : store.canonicalFilePath();
    return QDir::cleanPath(QFileInfo(replicaRoot).absoluteFilePath() + QLatin1Char('/') + canonical);
}

Expected<ProtectPlan> Litestream::plan(const Target &target, const QString &replicaRoot)
{
    ProtectPlan plan;
    plan.replicaRoot = QFileInfo(replicaRoot).absoluteFilePath();
    auto add = [&](const QString &path) {
        plan.stores << ProtectedStore{QFileInfo(path).absoluteFilePath(), replicaPathFor(replicaRoot, path)};
    };
    if (target.kind == Target::Kind::SqliteFile) {
        if (!inWalMode(target.path))
            return Error::make(
                ErrorCode::Refused,
                QStringLiteral("%1 is not in WAL mode; Litestream replicates WAL stores only").arg(target.path),
                QStringLiteral("let the bot open it with PRAGMA journal_mode=WAL, then protect it"));
        add(target.path);
        return plan;
    }
    if (target.kind != Target::Kind::DataDir)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("protect replicates SQLite stores; %1 is not one").arg(target.display()),
                           QStringLiteral("pass --db with a SQLite file or a bot data directory"));
    for (const DiscoveredItem &item : StoreDiscovery::scan(target.path)) {
        if (item.kind != DiscoveredItem::Kind::Sqlite)
            continue;
        if (inWalMode(item.path))
            add(item.path);
        else
            plan.skipped
                << QStringLiteral("%1: not in WAL mode, Litestream cannot replicate it").arg(item.relativePath);
    }
    if (plan.stores.isEmpty())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("no SQLite store in WAL mode under %1 to protect").arg(target.path),
                           QStringLiteral("`dbops info --db %1` lists its stores").arg(target.path));
    return plan;
}

Error Litestream::checkReplicaRoot(const QString &replicaRoot)
{
    const QString root = QFileInfo(replicaRoot).absoluteFilePath();
    QString existing = root; // the folder itself, or the nearest one above it that exists
    while (!QFileInfo::exists(existing) && QFileInfo(existing).path() != existing)
        existing = QFileInfo(existing).path();
    const QFileInfo at(existing);
    const QString hint = QStringLiteral("give a folder (new or existing) in --replica or the profile's replica=");
    if (!at.isDir())
        return Error::make(
            ErrorCode::Usage,
            existing == root ? QStringLiteral("the replica path %1 is a file, not a folder").arg(root)
                             : QStringLiteral("the replica folder %1 cannot be made: %2 is a file").arg(root, existing),
            hint);
    if (!at.isWritable() || !at.isExecutable())
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("the replica folder %1 cannot be written: %2 is not writable for this user")
                               .arg(root, existing),
                           hint);
    return {};
}

QByteArray Litestream::config(const ProtectPlan &plan)
{
    // Litestream checks the WAL every monitor interval and ships it at most every sync interval. A commit waits
    // up to both, plus a loaded machine's delays: 250 ms + 500 ms keep the lag under a second (issue 15's goal:
    // p99 <= 1 s; 1 s measured p99 2 s in tests/bench/run-litestream-bench.sh), at up to two small files a second
    // while the bot writes.
    QString text = QStringLiteral("# written by dbops protect; Litestream %1\ndbs:\n").arg(QLatin1String(kVersion));
    for (const ProtectedStore &s : plan.stores)
        text += QStringLiteral("  - path: %1\n    monitor-interval: 250ms\n    replicas:\n"
                               "      - type: file\n        path: %2\n        sync-interval: 500ms\n")
                    .arg(yamlQuoted(s.storePath), yamlQuoted(s.replicaPath));
    return text.toUtf8();
}

void Litestream::startTied(QProcess &proc, const QString &binary, const QStringList &args)
{
    const pid_t parent = ::getpid();
    proc.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) // dbops died before the line above: nobody will signal the child
            ::raise(SIGTERM);
    });
    proc.start(binary, args);
}

QStringList Litestream::replicateArguments(const QString &configPath)
{
    return {QStringLiteral("replicate"), QStringLiteral("-no-expand-env"), QStringLiteral("-config"), configPath};
}

QDateTime Litestream::lastWrite(const QString &storePath)
{
    const QDateTime file = QFileInfo(storePath).lastModified();
    const QFileInfo wal(storePath + QStringLiteral("-wal"));
    return (wal.exists() && wal.lastModified() > file ? wal.lastModified() : file).toUTC();
}

QString Litestream::replicaPathIn(const QString &replicaRoot, const QString &storePath)
{
    const bool rootIsReplica = QFileInfo(QDir(replicaRoot).filePath(QStringLiteral("generations"))).isDir();
    return rootIsReplica ? QFileInfo(replicaRoot).absoluteFilePath() : replicaPathFor(replicaRoot, storePath);
}

Expected<ReplicaWindow> Litestream::window(const QString &binary, const QString &replicaRoot, const QString &storePath)
{
    ReplicaWindow w;
    w.replicaPath = replicaPathIn(replicaRoot, storePath);
    if (!QFileInfo(QDir(w.replicaPath).filePath(QStringLiteral("generations"))).isDir())
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("no Litestream replica of %1 in %2").arg(storePath, w.replicaPath),
                           QStringLiteral("start one: dbops protect --db %1 --replica %2").arg(storePath, replicaRoot));
    QProcess p;
    p.start(binary, {QStringLiteral("generations"), QUrl::fromLocalFile(w.replicaPath).toString()});
    if (!p.waitForFinished(kCommandTimeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished(1000);
        const QString said = QString::fromUtf8(p.readAllStandardError()).trimmed().section(QLatin1Char('\n'), 0, 0);
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("litestream generations could not read the replica %1").arg(w.replicaPath),
                           QStringLiteral("check the folder and the binary %1").arg(binary), said);
    }
    w.generations = parseGenerations(QString::fromUtf8(p.readAllStandardOutput()));
    for (const ReplicaGeneration &g : w.generations) {
        if (!w.restorableFrom.isValid() || g.start < w.restorableFrom)
            w.restorableFrom = g.start;
        if (!w.restorableTo.isValid() || g.end > w.restorableTo)
            w.restorableTo = g.end;
    }
    if (w.restorableTo.isValid() && QFileInfo::exists(storePath)) // a lost store's replica has no lag to show
        w.lagS = std::max<qint64>(0, w.restorableTo.msecsTo(lastWrite(storePath))) / 1000.0;
    return w;
}

} // namespace dbops
