#include "activity/pooloptions.h"

#include <QStringList>

namespace dbops {

Expected<QMap<QString, int>> PoolOptions::parsePoolMaxima(const QString &text)
{
    QMap<QString, int> maxima;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int eq = part.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const int value = eq > 0 ? part.mid(eq + 1).trimmed().toInt(&ok) : 0;
        if (!ok || value <= 0)
            return Error::make(ErrorCode::Usage, QStringLiteral("bad pool maximum \"%1\"").arg(part.trimmed()),
                               QStringLiteral("write APPLICATION=N pairs separated by commas, e.g. "
                                              "trading_bot=100,bot_ai_v3=20"));
        maxima.insert(part.left(eq).trimmed(), value);
    }
    return maxima;
}

} // namespace dbops
