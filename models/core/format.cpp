#include "core/format.h"

#include <QLocale>

namespace dbops {

namespace {

// One separator whatever the machine's locale: output that scripts and operators compare stays the same.
QLocale grouped()
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}

const QString kMomentFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

} // namespace

QString Format::count(qint64 count) { return grouped().toString(count); }

QString Format::bytes(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(grouped().toString(value, 'f', value < 10 ? 1 : 0), QLatin1String(units[unit]));
}

QString Format::milliseconds(double ms)
{
    if (ms < 0)
        return QStringLiteral("—");
    if (ms < 1)
        return QStringLiteral("%1 ms").arg(QString::number(ms, 'f', 2));
    if (ms < 10000)
        return QStringLiteral("%1 ms").arg(grouped().toString(ms, 'f', ms < 10 ? 1 : 0));
    const double seconds = ms / 1000.0;
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(QString::number(seconds, 'f', 1));
    const qint64 whole = qint64(seconds);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return duration(whole);
}

QString Format::duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("—");
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 86400)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return QStringLiteral("%1 d %2 h").arg(count(seconds / 86400)).arg(seconds % 86400 / 3600);
}

QString Format::age(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return QStringLiteral("—");
    const qint64 s = then.secsTo(now);
    if (s < 60)
        return QStringLiteral("just now");
    if (s < 3600)
        return QStringLiteral("%1 min ago").arg(s / 60);
    if (s < 86400)
        return QStringLiteral("%1 h ago").arg(s / 3600);
    return QStringLiteral("%1 d ago").arg(count(s / 86400));
}

QString Format::moment(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(kMomentFormat) : QStringLiteral("—");
}

QString Format::momentUtc(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(kMomentFormat) + QStringLiteral(" UTC") : QStringLiteral("—");
}

} // namespace dbops
