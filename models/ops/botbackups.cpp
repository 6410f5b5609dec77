#include "ops/botbackups.h"

#include "connection/filehead.h"
#include "connection/storediscovery.h"
#include "ops/backupnaming.h"
#include "ops/durablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <algorithm>

namespace dbops {

namespace {

constexpr qint64 kMaxSidecarBytes = 1 << 20; // a checksum list, never a data file

// Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second (optional), 7 zone (optional).
const QRegularExpression &dashedStamp()
{
    static const QRegularExpression re(QStringLiteral(
        R"((?<!\d)(\d{4})-(\d{2})-(\d{2})[T_ ](\d{2})[-:.]?(\d{2})(?:[-:.]?(\d{2}))?(?:[.,]\d{1,9})?(Z|[+-]\d{2}:?\d{2})?(?!\d))"));
    return re;
}
const QRegularExpression &compactStamp()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?<!\d)(\d{4})(\d{2})(\d{2})[T_-]?(\d{2})(\d{2})(\d{2})?(Z)?(?!\d))"));
    return re;
}
const QRegularExpression &dateOnlyStamp()
{
    static const QRegularExpression re(QStringLiteral(R"((?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d))"));
    return re;
}

QDateTime stampFrom(const QRegularExpressionMatch &m, bool withTime)
{
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time =
        withTime ? QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt()) : QTime(0, 0);
    if (!date.isValid() || !time.isValid())
        return {};
    const QString zone = withTime ? m.captured(7) : QString();
    if (zone.isEmpty())
        return QDateTime(date, time, Qt::LocalTime); // a bot's datetime.now(): the machine's local time
    if (zone == QLatin1String("Z"))
        return QDateTime(date, time, Qt::UTC);
    QString digits = zone.mid(1);
    digits.remove(QLatin1Char(':'));
    const int seconds = (digits.left(2).toInt() * 60 + digits.mid(2, 2).toInt()) * 60;
    return QDateTime(date, time, QTimeZone(zone.startsWith(QLatin1Char('-')) ? -seconds : seconds));
}

QString normalizedDigest(QString text)
{
    text = text.trimmed().toLower();
    if (text.startsWith(QLatin1String("sha256:")))
        text = text.mid(7);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch() ? text : QString();
}

QString digestOf(const QJsonValue &v)
{
    if (v.isString())
        return normalizedDigest(v.toString());
    const QJsonObject o = v.toObject();
    for (const char *key : {"sha256", "checksum", "hash", "digest"})
        if (const QString d = normalizedDigest(o.value(QLatin1String(key)).toString()); !d.isEmpty())
            return d;
    return {};
}

// A bot's manifest.json has no fixed shape: {"trading_x.db": "<hex>"}, {"files": [{"name": …, "sha256": …}]},
// a list of such objects, or nested by store. The entry that names the file by its name wins.
QString digestFor(const QJsonValue &v, const QString &fileName, int depth = 0)
{
    if (depth > 4)
        return {};
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            if (const QString d = digestFor(item, fileName, depth + 1); !d.isEmpty())
                return d;
        return {};
    }
    const QJsonObject o = v.toObject();
    if (o.contains(fileName))
        return digestOf(o.value(fileName));
    for (const char *key : {"name", "file", "filename", "path"})
        if (QFileInfo(o.value(QLatin1String(key)).toString()).fileName() == fileName)
            return digestOf(o);
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it->isArray() || it->isObject())
            if (const QString d = digestFor(*it, fileName, depth + 1); !d.isEmpty())
                return d;
    return {};
}

QByteArray smallFile(const QString &path)
{
    // A sidecar or a bot's manifest.json: text files of the bot, never a store, so a plain read is safe here.
    QFile f(path);
    if (f.size() > kMaxSidecarBytes || !f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString fromSidecar(const QString &path)
{
    static const QRegularExpression line(QStringLiteral(R"(^\s*([0-9a-fA-F]{64})(?:\s+\*?(.+?))?\s*$)"));
    const QString fileName = QFileInfo(path).fileName();
    const QStringList lines = QString::fromUtf8(smallFile(path + QStringLiteral(".sha256"))).split(QLatin1Char('\n'));
    for (const QString &text : lines) {
        const QRegularExpressionMatch m = line.match(text);
        if (m.hasMatch() && (m.captured(2).isEmpty() || QFileInfo(m.captured(2)).fileName() == fileName))
            return m.captured(1).toLower();
    }
    return {};
}

bool isDateName(const QString &name)
{
    const QRegularExpressionMatch m = dateOnlyStamp().match(name);
    return m.hasMatch() && m.capturedLength() == name.size() && stampFrom(m, false).isValid();
}

QString storeFromFolders(const QFileInfo &file)
{
    const QDir parent = file.dir();
    if (!isDateName(parent.dirName()))
        return parent.dirName();
    QDir up = parent;
    return up.cdUp() ? up.dirName() : QString();
}

bool isOwnFile(const QString &name)
{
    return FileHead::isSqliteSideFile(name) || DurableFile::isTemporaryName(name) || BackupNaming::isOwnName(name) ||
           BackupManifest::isManifestName(name) || name.endsWith(QLatin1String(".sha256")) ||
           name.endsWith(QLatin1String(".json"));
}

void scanFolder(const QDir &dir, int depthLeft, QList<BotBackup> &found)
{
    for (const QFileInfo &info :
         dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name)) {
        if (info.isDir()) {
            // dbops's own data directory backups are folders with a manifest beside them: not the bot's.
            if (depthLeft > 0 && !info.isSymLink() && !QFileInfo::exists(BackupManifest::pathFor(info.filePath())))
                scanFolder(QDir(info.filePath()), depthLeft - 1, found);
            continue;
        }
        if (auto backup = BotBackups::identify(info.absoluteFilePath()))
            found << *backup;
    }
}

} // namespace

BackupManifest BotBackup::manifest() const
{
    BackupManifest m;
    m.kind = QStringLiteral("bot");
    m.engine = QStringLiteral("sqlite");
    m.format_ = QStringLiteral("sqlite-db");
    m.file = QFileInfo(path).fileName();
    m.source = store.isEmpty() ? m.file : store;
    m.createdAt = takenAt;
    m.bytes = bytes;
    m.sha256 = expectedSha256;
    return m;
}

bool BotBackup::mayBeOf(const QString &storePath) const
{
    const QFileInfo live(storePath);
    const QStringList names{live.completeBaseName(), live.dir().dirName()};
    auto matches = [&](const QString &name) { return !name.isEmpty() && names.contains(name, Qt::CaseInsensitive); };
    return (store.isEmpty() && folderStore.isEmpty()) || matches(store) || matches(folderStore);
}

QDateTime BotBackups::timestampInName(const QString &fileName, QString *before, bool *dateOnly)
{
    if (dateOnly)
        *dateOnly = false;
    for (const QRegularExpression *re : {&dashedStamp(), &compactStamp(), &dateOnlyStamp()}) {
        const QRegularExpressionMatch m = re->match(fileName);
        const bool withTime = re != &dateOnlyStamp();
        const QDateTime at = m.hasMatch() ? stampFrom(m, withTime) : QDateTime();
        if (!at.isValid())
            continue;
        if (before)
            *before = fileName.left(m.capturedStart());
        if (dateOnly)
            *dateOnly = !withTime;
        return at;
    }
    return {};
}

QString BotBackups::expectedChecksum(const QString &path, QString *source)
{
    if (QString d = fromSidecar(path); !d.isEmpty()) {
        if (source)
            *source = path + QStringLiteral(".sha256");
        return d;
    }
    const QString folderManifest = QFileInfo(path).dir().filePath(QStringLiteral("manifest.json"));
    const QJsonDocument doc = QJsonDocument::fromJson(smallFile(folderManifest));
    const QString d = doc.isNull() ? QString()
                                   : digestFor(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()),
                                               QFileInfo(path).fileName());
    if (!d.isEmpty() && source)
        *source = folderManifest;
    return d;
}

std::optional<BotBackup> BotBackups::identify(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || isOwnFile(info.fileName()) || QFileInfo::exists(BackupManifest::pathFor(path)) ||
        !StoreDiscovery::isSqliteFile(info.absoluteFilePath()))
        return std::nullopt;
    BotBackup b;
    b.path = info.absoluteFilePath();
    b.bytes = info.size();
    b.expectedSha256 = expectedChecksum(b.path, &b.checksumFile);
    QString before;
    bool dateOnly = false;
    const QDateTime stamp = timestampInName(info.fileName(), &before, &dateOnly);
    if (!stamp.isValid() && !isDateName(info.dir().dirName()) && b.expectedSha256.isEmpty())
        return std::nullopt; // a SQLite file that does not say it is a copy: maybe a store, not a backup
    b.takenAtFromName = stamp.isValid() && !dateOnly;
    b.takenAt = b.takenAtFromName ? stamp.toUTC() : info.lastModified().toUTC();
    static const QRegularExpression trailing(QStringLiteral(R"((\.(db|sqlite3?))?[-_. ]*$)"));
    b.folderStore = storeFromFolders(info);
    b.store = before.remove(trailing);
    if (b.store.isEmpty())
        b.store = b.folderStore;
    return b;
}

QList<BotBackup> BotBackups::scan(const QString &dir, int maxDepth)
{
    QList<BotBackup> found;
    scanFolder(QDir(dir), maxDepth, found);
    std::sort(found.begin(), found.end(), [](const BotBackup &a, const BotBackup &b) {
        return a.takenAt != b.takenAt ? a.takenAt > b.takenAt : a.path < b.path;
    });
    return found;
}

} // namespace dbops
