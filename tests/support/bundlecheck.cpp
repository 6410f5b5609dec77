#include "bundlecheck.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtEndian>

namespace dbops::test {

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct PngChunk {
    QByteArray type;
    QByteArray data;
};

// The chunks of a PNG; empty when the signature or a length is wrong.
QList<PngChunk> pngChunks(const QByteArray &png)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    QList<PngChunk> chunks;
    if (!png.startsWith(signature))
        return chunks;
    qsizetype at = signature.size();
    while (at + 12 <= png.size()) {
        const quint32 length = qFromBigEndian<quint32>(png.constData() + at);
        if (at + 12 + qsizetype(length) > png.size())
            return {};
        chunks.append({png.mid(at + 4, 4), png.mid(at + 8, length)});
        at += 12 + length;
    }
    return chunks;
}

// zlib data as PNG stores it (no length prefix): qUncompress wants a 4-byte size hint in front.
QByteArray inflate(const QByteArray &zlib)
{
    QByteArray withHint(4, '\0');
    qToBigEndian<quint32>(quint32(zlib.size() * 20 + 1024), withHint.data());
    return qUncompress(withHint + zlib);
}

// The text a PNG's tEXt, zTXt and iTXt chunks carry, inflated.
QByteArray pngText(const QByteArray &png)
{
    QByteArray text;
    for (const PngChunk &c : pngChunks(png)) {
        if (c.type == "tEXt") {
            text += c.data + '\n';
        } else if (c.type == "zTXt") {
            const qsizetype nul = c.data.indexOf('\0');
            text += c.data.left(nul) + '\n' + inflate(c.data.mid(nul + 2)) + '\n';
        } else if (c.type == "iTXt") {
            const qsizetype nul = c.data.indexOf('\0');
            const bool compressed = c.data.size() > nul + 1 && c.data.at(nul + 1) == 1;
            // keyword \0 flag method language \0 translated \0 text
            qsizetype rest = c.data.indexOf('\0', nul + 3);
            rest = c.data.indexOf('\0', rest + 1);
            const QByteArray body = c.data.mid(rest + 1);
            text += c.data.left(nul) + '\n' + (compressed ? inflate(body) : body) + '\n';
        }
    }
    return text;
}

} // namespace

QString BundleCheck::extract(const QString &archive, const QString &into)
{
    QDir().mkpath(into);
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), archive, QStringLiteral("-C"), into});
    if (!tar.waitForFinished(60000) || tar.exitCode() != 0)
        return {};
    const QStringList top = QDir(into).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return top.size() == 1 ? QDir(into).filePath(top.first()) : QString();
}

int BundleCheck::sha256Check(const QString &folder, QByteArray *output)
{
    QProcess p;
    p.setWorkingDirectory(folder);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("sha256sum"), {QStringLiteral("-c"), QStringLiteral("SHA256SUMS")});
    if (!p.waitForFinished(60000))
        return -1;
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QStringList BundleCheck::files(const QString &folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

QStringList BundleCheck::filesHolding(const QString &folder, const QByteArray &secret)
{
    QStringList found;
    for (const QString &name : files(folder)) {
        const QByteArray bytes = readAll(QDir(folder).filePath(name));
        if (bytes.contains(secret) || (name.endsWith(QLatin1String(".png")) && pngText(bytes).contains(secret)))
            found << name;
    }
    return found;
}

QString BundleCheck::parseProblem(const QString &file)
{
    const QByteArray bytes = readAll(file);
    if (bytes.isEmpty())
        return QStringLiteral("empty or unreadable");
    if (file.endsWith(QLatin1String(".json"))) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        return doc.isObject() ? QString() : QStringLiteral("not a JSON object: ") + error.errorString();
    }
    if (file.endsWith(QLatin1String(".png"))) {
        const QList<PngChunk> chunks = pngChunks(bytes);
        return !chunks.isEmpty() && chunks.first().type == "IHDR" && chunks.last().type == "IEND"
                   ? QString()
                   : QStringLiteral("not a whole PNG");
    }
    return QString::fromUtf8(bytes).toUtf8() == bytes ? QString() : QStringLiteral("not UTF-8 text");
}

QString BundleCheck::missingOrBroken(const QString &folder)
{
    if (folder.isEmpty())
        return QStringLiteral("the archive was not unpacked");
    for (const QString &name : expectedFiles()) {
        const QString path = QDir(folder).filePath(name);
        if (!QFile::exists(path))
            return name + QStringLiteral(": missing");
        const QString problem = parseProblem(path);
        if (!problem.isEmpty())
            return name + QStringLiteral(": ") + problem;
    }
    return {};
}

QStringList BundleCheck::expectedFiles()
{
    return {QStringLiteral("SHA256SUMS"),
            QStringLiteral("audit.json"),
            QStringLiteral("backups.json"),
            QStringLiteral("blocking.json"),
            QStringLiteral("charts/activity-last-hour.png"),
            QStringLiteral("charts/growth-last-hour.png"),
            QStringLiteral("environment.json"),
            QStringLiteral("health.json"),
            QStringLiteral("locks.json"),
            QStringLiteral("log-tail.txt"),
            QStringLiteral("migrations.json"),
            QStringLiteral("overview.json"),
            QStringLiteral("pool.json"),
            QStringLiteral("running.json"),
            QStringLiteral("slow.json"),
            QStringLiteral("status.json"),
            QStringLiteral("summary.md"),
            QStringLiteral("versions.json"),
            QStringLiteral("wal.json")};
}

} // namespace dbops::test
