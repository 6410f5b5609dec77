#include "pitr/pitrengine.h"

#include <QJsonArray>

namespace dbops {

namespace {
QJsonValue isoOrNull(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
}
QJsonValue textOrNull(const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); }
} // namespace

QJsonObject PitrBackup::toJson() const
{
    return {{QStringLiteral("label"), label},
            {QStringLiteral("type"), type},
            {QStringLiteral("start"), isoOrNull(start)},
            {QStringLiteral("stop"), isoOrNull(stop)},
            {QStringLiteral("size"), double(bytes)},
            {QStringLiteral("repo_size"), double(repoBytes)},
            {QStringLiteral("wal_start"), textOrNull(walStart)},
            {QStringLiteral("wal_stop"), textOrNull(walStop)}};
}

QJsonObject PitrInfo::toJson() const
{
    QJsonArray list;
    for (const PitrBackup &b : backups)
        list.append(b.toJson());
    return {{QStringLiteral("engine"), engine},
            {QStringLiteral("stanza"), stanza},
            {QStringLiteral("status"), status},
            {QStringLiteral("backups"), list},
            {QStringLiteral("wal_min"), textOrNull(walMin)},
            {QStringLiteral("wal_max"), textOrNull(walMax)},
            {QStringLiteral("restorable_from"), isoOrNull(restorableFrom)},
            {QStringLiteral("restorable_to"), isoOrNull(restorableTo)}};
}

bool PitrBackupRequest::validType(const QString &type)
{
    return type == QLatin1String("full") || type == QLatin1String("diff") || type == QLatin1String("incr");
}

} // namespace dbops
