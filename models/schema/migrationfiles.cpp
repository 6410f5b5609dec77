#include "schema/migrationfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace dbops {

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

quint32 crc32Update(quint32 crc, const QByteArray &bytes)
{
    static quint32 table[256];
    static bool ready = false;
    if (!ready) {
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    crc = ~crc;
    for (char ch : bytes)
        crc = table[(crc ^ quint8(ch)) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

// Files directly in `folder` whose name matches `pattern`: (version from group 1, name from group 2).
QList<MigrationFile> byPattern(const QString &folder, const QString &pattern, bool versionIsFileName = false)
{
    const QRegularExpression re(QLatin1Char('^') + pattern + QLatin1Char('$'));
    QList<MigrationFile> files;
    const QStringList names = QDir(folder).entryList(QDir::Files, QDir::Name);
    for (const QString &n : names) {
        const auto m = re.match(n);
        if (!m.hasMatch() || n.contains(QLatin1String(".down.")))
            continue;
        MigrationFile f;
        f.file = n;
        f.version = versionIsFileName ? n : m.captured(1);
        f.name = re.captureCount() >= 2 ? m.captured(2) : n;
        files << f;
    }
    return files;
}

QList<MigrationFile> flyway(const QString &folder)
{
    QList<MigrationFile> files = byPattern(folder, QStringLiteral(R"(V([0-9][0-9._]*)__(.+)\.sql)"));
    for (MigrationFile &f : files) {
        f.version.replace(QLatin1Char('_'), QLatin1Char('.'));
        f.name.replace(QLatin1Char('_'), QLatin1Char(' '));
        f.checksum = QString::number(MigrationFiles::flywayChecksum(readAll(folder + QLatin1Char('/') + f.file)));
    }
    return files;
}

// A bot's own runner: NNN_name.sql, several files may share NNN. Runners that keep a checksum (the CTS bot)
// store the SHA-256 of the file's bytes.
QList<MigrationFile> schemaMigrations(const QString &folder)
{
    QList<MigrationFile> files = byPattern(folder, QStringLiteral(R"((\d+)[_-](.+?)(?:\.up)?\.sql)"));
    for (MigrationFile &f : files)
        f.checksum = sha256Hex(readAll(folder + QLatin1Char('/') + f.file));
    return files;
}

QList<MigrationFile> prisma(const QString &folder)
{
    QList<MigrationFile> files;
    const QDir dir(folder);
    for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = dir.filePath(sub + QStringLiteral("/migration.sql"));
        if (!QFileInfo::exists(path))
            continue;
        files << MigrationFile{sub, sub, sub + QStringLiteral("/migration.sql"), sha256Hex(readAll(path)), {}};
    }
    return files;
}

QList<MigrationFile> drizzle(const QString &folder)
{
    const QJsonObject journal =
        QJsonDocument::fromJson(readAll(folder + QStringLiteral("/meta/_journal.json"))).object();
    QList<MigrationFile> files;
    for (const QJsonValue &v : journal.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString tag = e.value(QStringLiteral("tag")).toString();
        const QString file = tag + QStringLiteral(".sql");
        files << MigrationFile{QString::number(qint64(e.value(QStringLiteral("when")).toDouble())),
                               tag,
                               file,
                               sha256Hex(readAll(folder + QLatin1Char('/') + file)),
                               {}};
    }
    return files;
}

QStringList quoted(const QString &text)
{
    QStringList out;
    static const QRegularExpression re(QStringLiteral(R"(['"]([^'"]+)['"])"));
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

QList<MigrationFile> alembic(const QString &folder)
{
    static const QRegularExpression revRe(QStringLiteral(R"(^revision\s*(?::[^=\n]*)?=\s*['"]([^'"]+)['"])"),
                                          QRegularExpression::MultilineOption);
    static const QRegularExpression downRe(QStringLiteral(R"(^down_revision\s*(?::[^=\n]*)?=\s*(.+)$)"),
                                           QRegularExpression::MultilineOption);
    QList<MigrationFile> files;
    for (const QString &sub : {QString(), QStringLiteral("versions/")}) {
        const QDir dir(folder + QLatin1Char('/') + sub);
        for (const QString &n : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
            const QString text = QString::fromUtf8(readAll(dir.filePath(n)));
            const auto rev = revRe.match(text);
            if (!rev.hasMatch())
                continue;
            MigrationFile f;
            f.version = rev.captured(1);
            f.name = n;
            f.file = sub + n;
            const auto down = downRe.match(text);
            if (down.hasMatch())
                f.parents = quoted(down.captured(1));
            files << f;
        }
    }
    return files;
}

QList<MigrationFile> django(const QString &folder)
{
    static const QRegularExpression re(QStringLiteral(R"(^(\d{4}_\w+)\.py$)"));
    QList<MigrationFile> files;
    QDirIterator it(folder, {QStringLiteral("*.py")}, QDir::Files, QDirIterator::Subdirectories);
    const QDir base(folder);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        const auto m = re.match(fi.fileName());
        if (!m.hasMatch() || fi.dir().dirName() != QLatin1String("migrations"))
            continue;
        QDir appDir = fi.dir();
        appDir.cdUp();
        const QString app = appDir.dirName();
        files << MigrationFile{
            app + QLatin1Char('.') + m.captured(1), m.captured(1), base.relativeFilePath(fi.filePath()), {}, {}};
    }
    std::sort(files.begin(), files.end(),
              [](const MigrationFile &a, const MigrationFile &b) { return a.version < b.version; });
    return files;
}

} // namespace

QString MigrationFile::stem() const
{
    QString base = file.section(QLatin1Char('/'), -1);
    const qsizetype dot = base.lastIndexOf(QLatin1Char('.'));
    if (dot > 0)
        base.truncate(dot);
    if (base.endsWith(QLatin1String(".up")))
        base.chop(3);
    return base;
}

qint32 MigrationFiles::flywayChecksum(const QByteArray &content)
{
    QByteArray text = content;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    quint32 crc = 0;
    int start = 0;
    const int n = text.size();
    for (int i = 0; i <= n; ++i) {
        if (i < n && text[i] != '\n' && text[i] != '\r')
            continue;
        if (i == n && start == n)
            break; // Java's readLine gives no empty last line after a final line end
        crc = crc32Update(crc, text.mid(start, i - start));
        if (i < n && text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')
            ++i;
        start = i + 1;
    }
    return qint32(crc);
}

QList<MigrationFile> MigrationFiles::scan(const QString &folder, const QString &tool)
{
    if (tool == QLatin1String("schema_migrations"))
        return schemaMigrations(folder);
    if (tool == QLatin1String("golang-migrate"))
        return byPattern(folder, QStringLiteral(R"((\d+)_(.+)\.up\.sql)"));
    if (tool == QLatin1String("rails"))
        return byPattern(folder, QStringLiteral(R"((\d+)_(.+)\.rb)"));
    if (tool == QLatin1String("flyway"))
        return flyway(folder);
    if (tool == QLatin1String("knex") || tool == QLatin1String("sequelize"))
        return byPattern(folder, QStringLiteral(R"((\d[^/]*)\.(?:js|ts|cjs|mjs))"), true);
    if (tool == QLatin1String("node-pg-migrate"))
        return byPattern(folder, QStringLiteral(R"(((\d+)[_-][^/]*)\.(?:js|ts|cjs|mjs|sql))"));
    if (tool == QLatin1String("typeorm"))
        return byPattern(folder, QStringLiteral(R"((\d{10,})-(.+)\.(?:ts|js))"));
    if (tool == QLatin1String("prisma"))
        return prisma(folder);
    if (tool == QLatin1String("drizzle"))
        return drizzle(folder);
    if (tool == QLatin1String("alembic"))
        return alembic(folder);
    if (tool == QLatin1String("django"))
        return django(folder);
    return {};
}

} // namespace dbops
