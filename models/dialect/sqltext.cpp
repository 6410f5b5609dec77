#include "dialect/sqltext.h"

#include <QFile>
#include <QHash>
#include <QMutex>

namespace dbops {

QString SqlText::get(const QString &dialect, const QString &name)
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
    if (!text.isEmpty() && dialect == QLatin1String("postgresql"))
        text = marked(text);
    cache.insert(key, text);
    return text;
}

QString SqlText::marked(const QString &sql) { return QLatin1String(kConsoleMarker) + QLatin1Char(' ') + sql; }

bool SqlText::isConsoleStatement(const QString &sql)
{
    // Anywhere, not only in front: pg_stat_statements keeps "PREPARE name AS /* dbops */ …" for statements the
    // driver prepared.
    return sql.contains(QLatin1String(kConsoleMarker));
}

} // namespace dbops
