#include "pitr/pgbackrestinfo.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace dbops {

namespace {

QDateTime epoch(const QJsonValue &v)
{
    return v.isDouble() ? QDateTime::fromSecsSinceEpoch(v.toInteger(), Qt::UTC) : QDateTime();
}

PitrBackup backupOf(const QJsonObject &b)
{
    PitrBackup out;
    out.label = b.value(QStringLiteral("label")).toString();
    out.type = b.value(QStringLiteral("type")).toString();
    const QJsonObject time = b.value(QStringLiteral("timestamp")).toObject();
    out.start = epoch(time.value(QStringLiteral("start")));
    out.stop = epoch(time.value(QStringLiteral("stop")));
    const QJsonObject info = b.value(QStringLiteral("info")).toObject();
    out.bytes = info.value(QStringLiteral("size")).toInteger();
    out.repoBytes = info.value(QStringLiteral("repository")).toObject().value(QStringLiteral("delta")).toInteger();
    const QJsonObject wal = b.value(QStringLiteral("archive")).toObject();
    out.walStart = wal.value(QStringLiteral("start")).toString();
    out.walStop = wal.value(QStringLiteral("stop")).toString();
    return out;
}

PitrInfo stanzaOf(const QJsonObject &s)
{
    PitrInfo info;
    info.engine = QStringLiteral("pgbackrest");
    info.stanza = s.value(QStringLiteral("name")).toString();
    const QJsonObject status = s.value(QStringLiteral("status")).toObject();
    // pgBackRest's codes: 0 ok, 2 no valid backups (a new stanza); others mean it is missing or unreadable.
    const int code = status.value(QStringLiteral("code")).toInt(-1);
    info.usable = code == 0 || code == 2;
    info.status = code == 0 ? QStringLiteral("ok") : status.value(QStringLiteral("message")).toString();
    // The current database of the stanza is the last in its history.
    const QJsonArray dbs = s.value(QStringLiteral("db")).toArray();
    if (!dbs.isEmpty())
        info.systemId = QString::number(dbs.last().toObject().value(QStringLiteral("system-id")).toInteger());
    for (const QJsonValue &b : s.value(QStringLiteral("backup")).toArray())
        if (!b.toObject().value(QStringLiteral("error")).toBool())
            info.backups << backupOf(b.toObject());
    std::sort(info.backups.begin(), info.backups.end(),
              [](const PitrBackup &a, const PitrBackup &b) { return a.stop < b.stop; });
    for (const QJsonValue &a : s.value(QStringLiteral("archive")).toArray()) {
        const QString min = a.toObject().value(QStringLiteral("min")).toString();
        const QString max = a.toObject().value(QStringLiteral("max")).toString();
        if (!min.isEmpty() && (info.walMin.isEmpty() || min < info.walMin))
            info.walMin = min;
        if (max > info.walMax)
            info.walMax = max;
    }
    if (!info.backups.isEmpty()) {
        info.restorableFrom = info.backups.first().stop;
        info.restorableTo = info.backups.last().stop;
    }
    return info;
}

} // namespace

Expected<QList<PitrInfo>> PgBackRestInfo::parse(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return Error::make(ErrorCode::Io, QStringLiteral("pgbackrest info gave no JSON list"),
                           QStringLiteral("run `pgbackrest info --output=json` to see what it says"),
                           error.errorString());
    QList<PitrInfo> out;
    for (const QJsonValue &s : doc.array())
        out << stanzaOf(s.toObject());
    return out;
}

} // namespace dbops
