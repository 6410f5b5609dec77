#include "maintenance/durationtext.h"

#include <QRegularExpression>
#include <cmath>

namespace dbops {

Expected<double> DurationText::parseSeconds(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(s|sec|m|min|h|d)?\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return Error::make(ErrorCode::Usage, QStringLiteral("\"%1\" is not a duration").arg(text),
                           QStringLiteral("write it as 90s, 10m, 2h or 7d"));
    const double value = m.captured(1).toDouble();
    const QString unit = m.captured(2).toLower();
    double factor = 1;
    if (unit.startsWith(QLatin1Char('m')))
        factor = 60;
    else if (unit == QLatin1String("h"))
        factor = 3600;
    else if (unit == QLatin1String("d"))
        factor = 86400;
    return value * factor;
}

QString DurationText::format(double seconds)
{
    const std::pair<double, const char *> units[] = {{86400, "d"}, {3600, "h"}, {60, "min"}};
    for (const auto &[size, name] : units)
        if (seconds >= size && std::fmod(seconds, size) == 0)
            return QStringLiteral("%1 %2").arg(seconds / size).arg(QLatin1String(name));
    return QStringLiteral("%1 s").arg(seconds);
}

} // namespace dbops
