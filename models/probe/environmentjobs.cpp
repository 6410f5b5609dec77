#include "probe/environmentjobs.h"

#include "connection/connector.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

namespace {
Error tryOpen(const Target &t)
{
    if (t.kind == Target::Kind::SqliteFile)
        return Connector::checkSqliteFile(t.path);
    if (t.kind == Target::Kind::DataDir) {
        if (!QFileInfo(t.path).isDir())
            return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(t.path));
        return {};
    }
    if (t.isPostgres()) {
        ScopedConnection probe(t, SessionOptions::monitor(), QStringLiteral("detect"));
        return probe.error();
    }
    return {};
}

QVariant detectWith(const QProcessEnvironment &env, const QString &botDir, const QString &settingsJson, bool tryIt)
{
    // None named: the one in the bot's directory, where the bot itself reads it.
    QString settings = settingsJson;
    if (settings.isEmpty() && !botDir.isEmpty() &&
        QFileInfo(QDir(botDir).filePath(QStringLiteral("settings.json"))).isFile())
        settings = QDir(botDir).filePath(QStringLiteral("settings.json"));
    auto detected = EnvDetector::detect(env, botDir, settings);
    if (!detected)
        return QVariant::fromValue(detected.error());
    DetectionResult r{detected.value(), {}, {}};
    const Target &t = r.detected.target;
    if (t.isSqlite() && !QFileInfo::exists(t.path))
        r.missingPath = t.path;
    if (tryIt)
        r.openError = tryOpen(r.detected.target);
    return QVariant::fromValue(r);
}
} // namespace

Job EnvironmentJobs::detect(const QProcessEnvironment &env, const QString &botDir, const QString &settingsJson)
{
    return [=](JobContext &) { return detectWith(env, botDir, settingsJson, false); };
}

Job EnvironmentJobs::detectAndTry(const QProcessEnvironment &env, const QString &botDir, const QString &settingsJson)
{
    return [=](JobContext &) { return detectWith(env, botDir, settingsJson, true); };
}

} // namespace dbops
