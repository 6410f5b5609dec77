#include "schema/timevalue.h"

namespace dbops {

QDateTime TimeValue::parse(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.userType() == QMetaType::QDateTime) {
        QDateTime dt = value.toDateTime();
        return dt.toUTC();
    }
    bool isNumber = false;
    const double n = value.toString().toDouble(&isNumber);
    if (isNumber && value.toString().size() >= 9) {
        // epoch seconds until year 5138; ms / µs beyond
        const qint64 ms = n > 1e14 ? qint64(n / 1000) : n > 1e11 ? qint64(n) : qint64(n * 1000);
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }
    QString text = value.toString().trimmed();
    if (text.size() >= 19 && text[10] == QLatin1Char(' '))
        text[10] = QLatin1Char('T');
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime) // no offset written: bots write UTC
        dt.setTimeSpec(Qt::UTC);
    return dt.toUTC();
}

qint64 TimeValue::parseDuration(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.size() < 2)
        return -1;
    bool ok = false;
    const qint64 n = t.left(t.size() - 1).toLongLong(&ok);
    if (!ok || n < 0)
        return -1;
    switch (t.back().toLatin1()) {
    case 'd': return n * 86400;
    case 'h': return n * 3600;
    case 'm': return n * 60;
    case 's': return n;
    default: return -1;
    }
}

QString TimeValue::humanAge(qint64 s)
{
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 2 * 3600)
        return QStringLiteral("%1 min").arg(s / 60);
    if (s < 2 * 86400)
        return QStringLiteral("%1 h").arg(s / 3600);
    return QStringLiteral("%1 d").arg(s / 86400);
}

} // namespace dbops
