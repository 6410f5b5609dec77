#include "ops/backupresult.h"

#include <QFile>
#include <QJsonArray>

namespace dbops {

QJsonObject BackupResult::toJson() const
{
    QJsonArray tables;
    for (const TableRows &t : manifest.tables)
        tables.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("rows"), t.rows}});
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("bytes"), manifest.bytes},
                  {QStringLiteral("sha256"), manifest.sha256},
                  {QStringLiteral("manifest"), manifestPath},
                  {QStringLiteral("engine"), manifest.engine},
                  {QStringLiteral("kind"), manifest.kind},
                  {QStringLiteral("source"), manifest.source},
                  {QStringLiteral("created_at"), manifest.createdAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("duration_ms"), manifest.durationMs},
                  {QStringLiteral("tables"), tables},
                  {QStringLiteral("source_corrupt"), manifest.sourceCorrupt},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(manifest.warnings)}};
    o.insert(QStringLiteral("partials_removed"), QJsonArray::fromStringList(partialsRemoved));
    if (!members.isEmpty() || !skipped.isEmpty()) {
        QJsonArray list;
        for (const BackupResult &m : members)
            list.append(m.toJson());
        o.insert(QStringLiteral("members"), list);
        o.insert(QStringLiteral("skipped"), QJsonArray::fromStringList(skipped));
    }
    return o;
}

Expected<BackupResult> BackupResult::writeBeside(const QString &path, const BackupManifest &manifest)
{
    BackupResult result;
    result.path = path;
    result.manifestPath = BackupManifest::pathFor(path);
    result.manifest = manifest;
    if (Error e = manifest.write(result.manifestPath)) {
        // A backup without its manifest cannot be verified: leave nothing rather than half of it.
        QFile::remove(path);
        return e;
    }
    return result;
}

} // namespace dbops
