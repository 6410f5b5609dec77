#include "ops/manifest.h"

#include "ops/durablefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace dbops {

namespace {
const QLatin1String kSuffix(".manifest.json");

QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }
} // namespace

QString Verification::stateName(State state)
{
    switch (state) {
    case State::Verified: return QStringLiteral("verified");
    case State::Failed: return QStringLiteral("failed");
    case State::Unverified: break;
    }
    return QStringLiteral("unverified");
}

Verification::State Verification::stateFromName(const QString &name)
{
    if (name == QLatin1String("verified"))
        return State::Verified;
    if (name == QLatin1String("failed"))
        return State::Failed;
    return State::Unverified;
}

QJsonObject BackupManifest::toJson() const
{
    QJsonArray tableArray;
    for (const TableRows &t : tables) {
        QJsonObject o{{QStringLiteral("name"), t.name}, {QStringLiteral("rows"), t.rows}};
        if (!t.newest.isEmpty())
            o.insert(QStringLiteral("newest"), t.newest);
        if (!t.schema.isEmpty())
            o.insert(QStringLiteral("schema"), t.schema);
        if (t.oid > 0)
            o.insert(QStringLiteral("oid"), t.oid);
        tableArray.append(o);
    }
    QJsonObject verify{{QStringLiteral("state"), Verification::stateName(verification.state)},
                       {QStringLiteral("problems"), QJsonArray::fromStringList(verification.problems)}};
    if (verification.at.isValid())
        verify.insert(QStringLiteral("at"), verification.at.toUTC().toString(Qt::ISODateWithMs));
    QJsonObject o{{QStringLiteral("format"), format},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("engine"), engine},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("source_id"), sourceId},
                  {QStringLiteral("file"), file},
                  {QStringLiteral("file_format"), format_},
                  {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("bytes"), bytes},
                  {QStringLiteral("sha256"), sha256},
                  {QStringLiteral("duration_ms"), durationMs},
                  {QStringLiteral("tables"), tableArray},
                  {QStringLiteral("engine_version"), engineVersion},
                  {QStringLiteral("tools"), tools},
                  {QStringLiteral("source_corrupt"), sourceCorrupt},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                  {QStringLiteral("verification"), verify}};
    if (engine == QLatin1String("sqlite")) {
        o.insert(QStringLiteral("user_version"), userVersion);
        o.insert(QStringLiteral("journal_mode"), journalMode);
        o.insert(QStringLiteral("page_size"), pageSize);
    }
    if (!migrationVersion.isEmpty())
        o.insert(QStringLiteral("migration_version"), migrationVersion);
    if (drill.done())
        o.insert(QStringLiteral("drill"), drill.toJson());
    if (!members.isEmpty() || engine == QLatin1String("datadir")) {
        o.insert(QStringLiteral("members"), members);
        o.insert(QStringLiteral("skipped"), QJsonArray::fromStringList(skipped));
    }
    return o;
}

Expected<BackupManifest> BackupManifest::fromJson(const QJsonObject &o, const QString &path)
{
    BackupManifest m;
    m.format = o.value(QLatin1String("format")).toInt();
    if (m.format < 1 || m.format > kFormat || str(o, "sha256").isEmpty())
        return Error::make(ErrorCode::Corrupt, QStringLiteral("%1 is not a dbops backup manifest").arg(path),
                           QStringLiteral("it lacks the format/sha256 keys dbops writes"));
    m.kind = str(o, "kind");
    m.engine = str(o, "engine");
    m.source = str(o, "source");
    m.sourceId = str(o, "source_id");
    m.file = str(o, "file");
    m.format_ = str(o, "file_format");
    m.createdAt = QDateTime::fromString(str(o, "created_at"), Qt::ISODateWithMs);
    m.bytes = o.value(QLatin1String("bytes")).toInteger();
    m.sha256 = str(o, "sha256");
    m.durationMs = o.value(QLatin1String("duration_ms")).toInteger();
    for (const QJsonValue &v : o.value(QLatin1String("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        TableRows rows(str(t, "name"), t.value(QLatin1String("rows")).toInteger(-1), str(t, "newest"));
        rows.schema = str(t, "schema");
        rows.oid = t.value(QLatin1String("oid")).toInteger();
        m.tables << rows;
    }
    m.userVersion = o.value(QLatin1String("user_version")).toInt();
    m.migrationVersion = str(o, "migration_version");
    m.engineVersion = str(o, "engine_version");
    m.journalMode = str(o, "journal_mode");
    m.pageSize = o.value(QLatin1String("page_size")).toInt();
    m.tools = o.value(QLatin1String("tools")).toObject();
    m.members = o.value(QLatin1String("members")).toArray();
    for (const QJsonValue &v : o.value(QLatin1String("skipped")).toArray())
        m.skipped << v.toString();
    m.sourceCorrupt = o.value(QLatin1String("source_corrupt")).toBool();
    for (const QJsonValue &v : o.value(QLatin1String("warnings")).toArray())
        m.warnings << v.toString();
    const QJsonObject verify = o.value(QLatin1String("verification")).toObject();
    m.verification.state = Verification::stateFromName(str(verify, "state"));
    m.verification.at = QDateTime::fromString(str(verify, "at"), Qt::ISODateWithMs);
    for (const QJsonValue &p : verify.value(QLatin1String("problems")).toArray())
        m.verification.problems << p.toString();
    if (o.contains(QLatin1String("drill")))
        m.drill = DrillRecord::fromJson(o.value(QLatin1String("drill")).toObject());
    return m;
}

qint64 BackupManifest::rowsOf(const QString &table) const
{
    for (const TableRows &t : tables)
        if (t.name == table)
            return t.rows;
    return -1;
}

QString BackupManifest::pathFor(const QString &backupPath) { return backupPath + kSuffix; }

bool BackupManifest::isManifestName(const QString &fileName) { return fileName.endsWith(kSuffix); }

Expected<BackupManifest> BackupManifest::read(const QString &manifestPath)
{
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                           QStringLiteral("cannot read the manifest %1: %2").arg(manifestPath, file.errorString()),
                           QStringLiteral("every dbops backup has a <file>.manifest.json beside it"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Error::make(
            ErrorCode::Corrupt,
            QStringLiteral("the manifest %1 is not valid JSON: %2").arg(manifestPath, parseError.errorString()));
    return fromJson(doc.object(), manifestPath);
}

Error BackupManifest::write(const QString &manifestPath) const
{
    return DurableFile::writeWhole(manifestPath, QJsonDocument(toJson()).toJson(QJsonDocument::Indented), true);
}

} // namespace dbops
