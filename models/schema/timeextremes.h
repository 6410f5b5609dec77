#pragma once
// The newest and oldest time a table's column holds, and the rows later than a time, compared as instants.
// min()/max() and ">" compare what is stored: right for epoch numbers and for text in one shape, wrong for an
// ISO-8601 text column that mixes shapes or zones ("2026-12-05 09:46:55" beside "2026-12-05T08:34:14.564Z"),
// where the greatest text is not the newest instant. For such text these read the instants (julianday()),
// within two days of min()/max() so that an index on the column still serves. Every other value is read as
// stored. SQLite only.
#include "connection/sqlitehandle.h"
#include "core/expected.h"

#include <QString>
#include <QVariant>

namespace dbops {

class TimeExtremes {
public:
    // The value as stored in the row holding the newest (oldest) instant; null when the table is empty.
    static Expected<QVariant> newest(SqliteHandle &db, const QString &table, const QString &column);
    static Expected<QVariant> oldest(SqliteHandle &db, const QString &table, const QString &column);
    // Rows whose `column` is later than `value` (a value newest() returned, of this or another copy of the table).
    static Expected<qint64> rowsNewerThan(SqliteHandle &db, const QString &table, const QString &column,
                                          const QVariant &value);
};

} // namespace dbops
