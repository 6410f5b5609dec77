#include "pitr/sideinstanceregistry.h"

#include "core/paths.h"
#include "ops/durablefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <algorithm>

namespace dbops {

namespace {
QString entryFile(const QString &dataDir)
{
    const QByteArray key =
        QCryptographicHash::hash(QFile::encodeName(QFileInfo(dataDir).absoluteFilePath()), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    return SideInstanceRegistry::directory() + QLatin1Char('/') + QString::fromLatin1(key) + QStringLiteral(".path");
}
} // namespace

QJsonObject SideInstanceEntry::toJson() const
{
    QJsonObject o = marker.toJson();
    o.insert(QStringLiteral("data_directory"), marker.dataDirectory);
    o.insert(QStringLiteral("running"), running);
    return o;
}

QString SideInstanceRegistry::directory() { return Paths::stateDir() + QStringLiteral("/side-instances"); }

Error SideInstanceRegistry::add(const QString &dataDir)
{
    if (!QDir().mkpath(directory()))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create %1").arg(directory()),
                           QStringLiteral("check the permissions of the state directory"));
    return DurableFile::writeWhole(entryFile(dataDir), QFile::encodeName(QFileInfo(dataDir).absoluteFilePath()), true);
}

void SideInstanceRegistry::remove(const QString &dataDir) { QFile::remove(entryFile(dataDir)); }

QList<SideInstanceEntry> SideInstanceRegistry::list()
{
    QList<SideInstanceEntry> out;
    const QFileInfoList files = QDir(directory()).entryInfoList({QStringLiteral("*.path")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        QFile f(file.filePath());
        const QString dataDir = f.open(QIODevice::ReadOnly) ? QFile::decodeName(f.readAll()) : QString();
        auto marker = SideInstanceMarker::read(dataDir);
        if (!marker) {
            QFile::remove(file.filePath()); // removed by hand, or never finished: nothing left to list
            continue;
        }
        out << SideInstanceEntry{marker.value(), SideInstance(dataDir).running()};
    }
    std::sort(out.begin(), out.end(), [](const SideInstanceEntry &a, const SideInstanceEntry &b) {
        return a.marker.createdAt < b.marker.createdAt;
    });
    return out;
}

} // namespace dbops
