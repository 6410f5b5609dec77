#include "pitrrecord.h"

#include "ops/manifest.h"
#include "ops/sha256.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace dbops::test {

QString PitrRecord::write(const QString &dir, double ageDays, const QString &label)
{
    const QDateTime stop = QDateTime::currentDateTimeUtc().addSecs(qint64(-ageDays * 86400));
    const QString path = QDir(dir).filePath(
        QStringLiteral("pgbackrest-main-%1.pgbackrest.json").arg(stop.toString(u"yyyyMMddTHHmmssZ")));
    QFile f(path);
    if (!QDir().mkpath(dir) || !f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("engine"), QStringLiteral("pgbackrest")},
                                      {QStringLiteral("stanza"), QStringLiteral("main")},
                                      {QStringLiteral("label"), label},
                                      {QStringLiteral("type"), QStringLiteral("full")}})
                .toJson());
    f.close();
    BackupManifest m;
    m.engine = QStringLiteral("pgbackrest");
    m.format_ = QStringLiteral("pgbackrest");
    m.source = QStringLiteral("postgresql://dbops@127.0.0.1:5432/trading");
    m.sourceId = QStringLiteral("postgresql:127.0.0.1:5432/trading");
    m.file = QFileInfo(path).fileName();
    m.createdAt = stop;
    m.bytes = 25 << 20;
    m.tools = {{QStringLiteral("pgbackrest_label"), label}};
    auto sha = Sha256::ofFile(path);
    if (!sha)
        return {};
    m.sha256 = sha.value();
    if (m.write(BackupManifest::pathFor(path)))
        return {};
    return path;
}

} // namespace dbops::test
