#include "ops/backupcatalog.h"

#include "core/paths.h"
#include "ops/durablefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>

namespace dbops {

qint64 CatalogEntry::ageSeconds(const QDateTime &now) const
{
    return manifest.createdAt.isValid() ? std::max<qint64>(0, manifest.createdAt.secsTo(now)) : -1;
}

QJsonObject CatalogEntry::toJson(const QDateTime &now) const
{
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("manifest"), manifestPath},
                  {QStringLiteral("engine"), manifest.engine},
                  {QStringLiteral("kind"), manifest.kind},
                  {QStringLiteral("source"), manifest.source},
                  {QStringLiteral("created_at"), manifest.createdAt.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("age_seconds"), ageSeconds(now)},
                  {QStringLiteral("bytes"), manifest.bytes},
                  {QStringLiteral("sha256"), manifest.sha256},
                  {QStringLiteral("state"), stateName()},
                  {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
                  {QStringLiteral("source_corrupt"), manifest.sourceCorrupt},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(manifest.warnings)},
                  {QStringLiteral("origin"), origin},
                  {QStringLiteral("store"), store()},
                  {QStringLiteral("taken_at"), manifest.createdAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (isBot())
        o.insert(QStringLiteral("checksum_file"), bot.checksumFile);
    if (manifest.verification.at.isValid())
        o.insert(QStringLiteral("verified_at"), manifest.verification.at.toUTC().toString(Qt::ISODateWithMs));
    if (manifest.drill.done())
        o.insert(QStringLiteral("drill"), manifest.drill.toJson());
    return o;
}

CatalogEntry BackupCatalog::entryFor(const QString &manifestPath)
{
    CatalogEntry e;
    e.manifestPath = QFileInfo(manifestPath).absoluteFilePath();
    e.path = e.manifestPath.chopped(int(qstrlen(".manifest.json")));
    auto manifest = BackupManifest::read(e.manifestPath);
    if (!manifest) {
        e.manifestUnreadable = true;
        e.state = Verification::State::Failed;
        e.problems << manifest.error().message;
        e.manifest.createdAt = QFileInfo(e.manifestPath).lastModified().toUTC();
    } else {
        e.manifest = manifest.value();
        e.state = e.manifest.verification.state;
        e.problems = e.manifest.verification.problems;
    }
    if (!QFileInfo::exists(e.path)) {
        e.fileMissing = true;
        e.state = Verification::State::Failed;
        e.problems << QStringLiteral("the backup file %1 is missing").arg(QFileInfo(e.path).fileName());
    }
    return e;
}

CatalogEntry BackupCatalog::entryFor(const BotBackup &backup)
{
    CatalogEntry e;
    e.origin = QStringLiteral("bot");
    e.path = backup.path;
    e.manifest = backup.manifest();
    e.bot = backup;
    return e;
}

Expected<QList<CatalogEntry>> BackupCatalog::list(const QString &dir)
{
    const QString folder = dir.isEmpty() ? Paths::defaultBackupDir() : QFileInfo(dir).absoluteFilePath();
    const QDir d(folder);
    if (!d.exists())
        return Error::make(ErrorCode::NotFound, QStringLiteral("the backup folder %1 does not exist").arg(folder),
                           QStringLiteral("pass --dir, or take a backup first (`dbops backup`)"));
    QList<CatalogEntry> entries;
    for (const QString &name : d.entryList({QStringLiteral("*.manifest.json")}, QDir::Files | QDir::Hidden)) {
        if (DurableFile::isTemporaryName(name))
            continue;
        entries << entryFor(d.filePath(name));
    }
    for (const BotBackup &b : BotBackups::scan(folder))
        entries << entryFor(b);
    std::sort(entries.begin(), entries.end(), [](const CatalogEntry &a, const CatalogEntry &b) {
        return a.manifest.createdAt != b.manifest.createdAt ? a.manifest.createdAt > b.manifest.createdAt
                                                            : a.path < b.path;
    });
    return entries;
}

} // namespace dbops
