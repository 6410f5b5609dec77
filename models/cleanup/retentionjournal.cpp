#include "cleanup/retentionjournal.h"

#include "core/paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace dbops {

QString RetentionJournal::pathFor(const Target &target)
{
    const QByteArray id = QCryptographicHash::hash(target.toSpec().toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return Paths::stateDir() + QStringLiteral("/cleanup/") + QString::fromLatin1(id) + QStringLiteral(".json");
}

std::optional<RetentionJournal> RetentionJournal::load(const Target &target)
{
    QFile f(pathFor(target));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    RetentionJournal j;
    j.target = o.value(QStringLiteral("target")).toString();
    j.now = QDateTime::fromString(o.value(QStringLiteral("now")).toString(), Qt::ISODateWithMs);
    j.startedAt = QDateTime::fromString(o.value(QStringLiteral("started_at")).toString(), Qt::ISODate);
    for (const QJsonValue &v : o.value(QStringLiteral("policies")).toArray())
        j.policies << v.toString();
    const QJsonObject d = o.value(QStringLiteral("deleted")).toObject();
    for (auto it = d.begin(); it != d.end(); ++it)
        j.deleted.insert(it.key(), it.value().toInteger());
    if (!j.now.isValid() || j.policies.isEmpty())
        return std::nullopt;
    return j;
}

Error RetentionJournal::save(const Target &target) const
{
    const QString path = pathFor(target);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject d;
    for (auto it = deleted.begin(); it != deleted.end(); ++it)
        d.insert(it.key(), it.value());
    const QJsonObject o{{QStringLiteral("target"), this->target},
                        {QStringLiteral("now"), now.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("started_at"), startedAt.toUTC().toString(Qt::ISODate)},
                        {QStringLiteral("policies"), QJsonArray::fromStringList(policies)},
                        {QStringLiteral("deleted"), d}};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write the cleanup journal %1").arg(path),
                           QStringLiteral("check that the state folder is writable and the disk not full"));
    return {};
}

void RetentionJournal::remove(const Target &target) { QFile::remove(pathFor(target)); }

} // namespace dbops
