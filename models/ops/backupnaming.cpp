#include "ops/backupnaming.h"

#include "connection/connector.h"
#include "core/paths.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

namespace dbops {

QString BackupNaming::outDirFor(const BackupRequest &request)
{
    return request.outDir.isEmpty() ? Paths::defaultBackupDir() : QFileInfo(request.outDir).absoluteFilePath();
}

QString BackupNaming::sourceId(const Target &target)
{
    if (target.isPostgres())
        return QStringLiteral("postgresql://") + Connector::pgLabel(target);
    const QFileInfo info(target.path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

namespace {

// "postgresql://HOST:PORT/DB" with a local host (any name of this machine, or a socket folder) written "local".
QString localAliased(const QString &id)
{
    static const QRegularExpression pg(QStringLiteral(R"(^postgresql://(.*):(\d+)/(.*)$)"));
    const QRegularExpressionMatch m = pg.match(id);
    if (!m.hasMatch())
        return id;
    const QString host = m.captured(1);
    const bool local = host.startsWith(QLatin1Char('/')) || host == QLatin1String("localhost") ||
                       host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") ||
                       host == QLatin1String("[::1]");
    return local ? QStringLiteral("postgresql://local:%1/%2").arg(m.captured(2), m.captured(3)) : id;
}

} // namespace

bool BackupNaming::sameSource(const QString &a, const QString &b)
{
    return a == b || (!a.isEmpty() && localAliased(a) == localAliased(b));
}

QString BackupNaming::otherSource(const BackupManifest &manifest, const QString &expectedSourceId)
{
    if (sameSource(manifest.sourceId, expectedSourceId))
        return {};
    return QStringLiteral("it is a backup of another database (%1), not of %2").arg(manifest.source, expectedSourceId);
}

QString BackupNaming::freshName(const QString &dir, const QString &stem, const QString &suffix, const QString &kind,
                                const QString &precedes)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('Z');
    const QString base = dir + QLatin1Char('/') + stem +
                         (kind == QLatin1String("safety") ? QString(QStringLiteral("-pre-") + precedes) : QString()) +
                         QLatin1Char('-') + stamp;
    for (int n = 0;; ++n) {
        const QString candidate = base + (n ? QStringLiteral("-%1").arg(n) : QString()) + suffix;
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(BackupManifest::pathFor(candidate)))
            return candidate;
    }
}

bool BackupNaming::isOwnName(const QString &fileName)
{
    static const QRegularExpression own(QStringLiteral(R"(-\d{8}-\d{6}Z(-\d+)?(\.[A-Za-z0-9]+)*$)"));
    return own.match(fileName).hasMatch();
}

} // namespace dbops
