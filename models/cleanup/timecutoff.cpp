#include "cleanup/timecutoff.h"

#include "schema/timevalue.h"

namespace dbops {

namespace {

struct Name {
    TimeCutoff::Encoding encoding;
    const char *name;
};
const Name kNames[] = {{TimeCutoff::Encoding::EpochSeconds, "epoch_s"},
                       {TimeCutoff::Encoding::EpochMillis, "epoch_ms"},
                       {TimeCutoff::Encoding::EpochMicros, "epoch_us"},
                       {TimeCutoff::Encoding::IsoText, "iso_text"},
                       {TimeCutoff::Encoding::PgTimestamp, "timestamp"},
                       {TimeCutoff::Encoding::PgTimestampTz, "timestamptz"},
                       {TimeCutoff::Encoding::PgDate, "date"}};

// The ISO text of `at` in the shape of `sample`: separator, fraction digits and zone suffix as written there.
QString isoLike(const QDateTime &at, const QString &sample)
{
    if (sample.size() == 10) // a date only
        return at.toString(QStringLiteral("yyyy-MM-dd"));
    const QChar sep = sample.size() > 10 ? sample[10] : QLatin1Char(' ');
    QString out = at.toString(QStringLiteral("yyyy-MM-dd")) + sep + at.toString(QStringLiteral("HH:mm:ss"));
    int i = 19;
    if (sample.size() > i && sample[i] == QLatin1Char('.')) {
        int digits = 0;
        while (i + 1 + digits < sample.size() && sample[i + 1 + digits].isDigit())
            ++digits;
        const QString micros = QStringLiteral("%1").arg(at.time().msec() * 1000, 6, 10, QLatin1Char('0'));
        out += QLatin1Char('.') + micros.left(digits).leftJustified(digits, QLatin1Char('0'));
        i += 1 + digits;
    }
    return out + sample.mid(i); // "Z", "+00:00" or nothing: the zone as the bot writes it (UTC)
}

} // namespace

QString TimeCutoff::encodingName(Encoding e)
{
    for (const Name &n : kNames)
        if (n.encoding == e)
            return QLatin1String(n.name);
    return QStringLiteral("unknown");
}

TimeCutoff::Encoding TimeCutoff::encodingFromName(const QString &name)
{
    for (const Name &n : kNames)
        if (name == QLatin1String(n.name))
            return n.encoding;
    return Encoding::Unknown;
}

TimeCutoff::Encoding TimeCutoff::detect(const QVariant &sample, const QString &pgType)
{
    const QString type = pgType.toLower();
    if (type.startsWith(QLatin1String("timestamp")))
        return type.contains(QLatin1String("with time zone")) ? Encoding::PgTimestampTz : Encoding::PgTimestamp;
    if (type == QLatin1String("date"))
        return Encoding::PgDate;
    if (sample.isNull() || !sample.isValid())
        return Encoding::Unknown;
    bool isNumber = false;
    const double n = sample.toString().toDouble(&isNumber);
    if (isNumber) {
        if (n > 1e14)
            return Encoding::EpochMicros;
        if (n > 1e11)
            return Encoding::EpochMillis;
        return n > 1e8 ? Encoding::EpochSeconds : Encoding::Unknown;
    }
    return TimeValue::parse(sample).isValid() ? Encoding::IsoText : Encoding::Unknown;
}

TimeCutoff TimeCutoff::make(Encoding encoding, const QDateTime &at, const QVariant &sample)
{
    TimeCutoff c;
    c.encoding = encoding;
    c.at = at.toUTC();
    c.placeholder = QStringLiteral("?");
    switch (encoding) {
    case Encoding::EpochSeconds: c.value = c.at.toSecsSinceEpoch(); break;
    case Encoding::EpochMillis: c.value = c.at.toMSecsSinceEpoch(); break;
    case Encoding::EpochMicros: c.value = c.at.toMSecsSinceEpoch() * 1000; break;
    case Encoding::IsoText: c.value = isoLike(c.at, sample.toString().trimmed()); break;
    case Encoding::PgTimestamp:
        c.value = c.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        c.placeholder = QStringLiteral("CAST(? AS timestamp)");
        break;
    case Encoding::PgTimestampTz:
        c.value = c.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz+00"));
        c.placeholder = QStringLiteral("CAST(? AS timestamptz)");
        break;
    case Encoding::PgDate:
        c.value = c.at.toString(QStringLiteral("yyyy-MM-dd"));
        c.placeholder = QStringLiteral("CAST(? AS date)");
        break;
    case Encoding::Unknown: break;
    }
    return c;
}

void TimeCutoff::compareInstantsOnSqlite(const QString &quotedColumn)
{
    if (encoding != Encoding::IsoText)
        return;
    // Any text starting with a date before this one is at most a day and a zone offset (≤ 14 h) past the cut-off.
    value = at.addDays(2).toString(QStringLiteral("yyyy-MM-dd"));
    // The literal is made from `at` alone (digits and separators), never from the store's text.
    placeholder = QStringLiteral("? AND julianday(%1) < julianday('%2')")
                      .arg(quotedColumn, at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
}

} // namespace dbops
