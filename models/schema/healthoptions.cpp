#include "schema/healthoptions.h"

#include "schema/timevalue.h"

namespace dbops {

Expected<RetentionRule> RetentionRule::parse(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    RetentionRule r;
    if (parts.size() >= 3 && parts.size() <= 4) {
        r.table = parts[0].trimmed();
        r.column = parts[1].trimmed();
        r.keepSeconds = TimeValue::parseDuration(parts[2]);
        r.archive = parts.value(3).trimmed();
        r.text = text;
    }
    if (r.table.isEmpty() || r.column.isEmpty() || r.keepSeconds <= 0)
        return Error::make(ErrorCode::Usage, QStringLiteral("bad retention policy \"%1\"").arg(text),
                           QStringLiteral("write TABLE:COLUMN:KEEP[:ARCHIVE], KEEP like 7d, 48h, 30m"));
    return r;
}

} // namespace dbops
