#include "dialect/sqltext.h"

#include <QFile>
#include <QMutex>

namespace dbops {

namespace {

const QLatin1String kPostgres("postgresql");
const QLatin1String kNameMarker("-- name:");

// The file as written, read once.
QString raw(const QString &dialect, const QString &name)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QString key = dialect + QLatin1Char('/') + name;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QFile file(QStringLiteral(":/sql/%1.sql").arg(key));
    QString text;
    if (file.open(QIODevice::ReadOnly))
        text = QString::fromUtf8(file.readAll()).trimmed();
    else
        qWarning("dbops: missing SQL resource :/sql/%s.sql", qPrintable(key));
    cache.insert(key, text);
    return text;
}

QString markedFor(const QString &dialect, const QString &text)
{
    return !text.isEmpty() && dialect == kPostgres ? SqlText::marked(text) : text;
}

} // namespace

QString SqlText::get(const QString &dialect, const QString &name) { return markedFor(dialect, raw(dialect, name)); }

QString SqlText::get(const QString &dialect, const QString &file, const QString &key)
{
    return markedFor(dialect, plain(dialect, file, key));
}

QString SqlText::plain(const QString &dialect, const QString &file, const QString &key)
{
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QString cacheKey = dialect + QLatin1Char('/') + file + QLatin1Char('#') + key;
    {
        QMutexLocker lock(&mutex);
        auto it = cache.constFind(cacheKey);
        if (it != cache.constEnd())
            return *it;
    }
    QString text;
    for (const Section &s : sections(raw(dialect, file), kNameMarker)) {
        if (s.key != key)
            continue;
        QStringList lines;
        for (const QString &line : s.body.split(QLatin1Char('\n')))
            if (!line.trimmed().startsWith(QLatin1String("--")))
                lines << line;
        text = lines.join(QLatin1Char('\n')).trimmed();
    }
    if (text.isEmpty())
        qWarning("dbops: no statement \"%s\" in :/sql/%s/%s.sql", qPrintable(key), qPrintable(dialect),
                 qPrintable(file));
    QMutexLocker lock(&mutex);
    cache.insert(cacheKey, text);
    return text;
}

QString SqlText::sqlite(const char *file, const char *key, const QHash<QString, QString> &values)
{
    const QString sql = get(QStringLiteral("sqlite"), QLatin1String(file), QLatin1String(key));
    return values.isEmpty() ? sql : fill(sql, values);
}

QString SqlText::postgresql(const char *file, const char *key, const QHash<QString, QString> &values)
{
    const QString sql = get(kPostgres, QLatin1String(file), QLatin1String(key));
    return values.isEmpty() ? sql : fill(sql, values);
}

QString SqlText::fill(const QString &sql, const QHash<QString, QString> &values)
{
    QString out;
    qsizetype from = 0;
    for (;;) {
        const qsizetype open = sql.indexOf(QLatin1Char('{'), from);
        const qsizetype close = open < 0 ? -1 : sql.indexOf(QLatin1Char('}'), open + 1);
        if (close < 0)
            break;
        const auto value = values.constFind(sql.mid(open + 1, close - open - 1));
        if (value == values.constEnd()) {
            out += QStringView(sql).mid(from, open + 1 - from);
            from = open + 1;
            continue;
        }
        out += QStringView(sql).mid(from, open - from);
        out += *value;
        from = close + 1;
    }
    out += QStringView(sql).mid(from);
    return out;
}

QString SqlText::marked(const QString &sql) { return QLatin1String(kConsoleMarker) + QLatin1Char(' ') + sql; }

bool SqlText::isConsoleStatement(const QString &sql)
{
    // Anywhere, not only in front: pg_stat_statements keeps "PREPARE name AS /* dbops */ …" for statements the
    // driver prepared.
    return sql.contains(QLatin1String(kConsoleMarker));
}

QList<SqlText::Section> SqlText::sections(const QString &text, const QString &marker)
{
    QList<Section> result;
    Section current;
    QStringList body;
    const auto flush = [&] {
        current.body = body.join(QLatin1Char('\n')).trimmed();
        if (!current.key.isEmpty() || !current.body.isEmpty())
            result << current;
        body.clear();
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.startsWith(marker)) {
            body << line;
            continue;
        }
        flush();
        const QString rest = line.mid(marker.size()).trimmed();
        const qsizetype space = rest.indexOf(QLatin1Char(' '));
        current.key = space < 0 ? rest : rest.left(space);
        current.name = space < 0 ? QString() : rest.mid(space + 1).trimmed();
    }
    flush();
    return result;
}

QStringList SqlText::statements(const QString &sql)
{
    QStringList result;
    QStringList pending;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")))
            continue;
        pending << line;
        if (trimmed.endsWith(QLatin1Char(';'))) {
            QString statement = pending.join(QLatin1Char('\n')).trimmed();
            statement.chop(1);
            if (!statement.trimmed().isEmpty())
                result << statement.trimmed();
            pending.clear();
        }
    }
    const QString tail = pending.join(QLatin1Char('\n')).trimmed();
    if (!tail.isEmpty())
        result << tail;
    return result;
}

} // namespace dbops
