#include "schema/timevalue.h"

#include "core/format.h"
#include "core/retentionpolicy.h"

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

QString TimeValue::display(const QVariant &stored)
{
    const QDateTime at = parse(stored);
    if (at.isValid())
        return Format::moment(at);
    const QString text = stored.toString();
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString TimeValue::displayUtc(const QVariant &stored)
{
    const QDateTime at = parse(stored);
    return at.isValid() ? Format::momentUtc(at) : QString();
}

qint64 TimeValue::parseDuration(const QString &text)
{
    return RetentionPolicy::parseKeep(text); // one grammar for durations: 7d, 48h, 30m, 90s, 2w
}

} // namespace dbops
