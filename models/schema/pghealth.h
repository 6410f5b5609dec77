#pragma once
// Table health of a PostgreSQL database on an open (read-only) connection: rows (estimate, exact count where
// the table is small), sizes, dead tuples, vacuum / analyze times, seq vs index scans (pghero's missing-index
// rule), unused / duplicate / invalid indexes, foreign keys without an index, sequences near their maximum,
// transaction-id age, data age; WAL archiving, standbys and replication slots (schema/pgreplication.h).
#include "core/expected.h"
#include "schema/healthoptions.h"
#include "schema/healthreport.h"

#include <QSqlDatabase>

namespace dbops {

class PgHealth {
public:
    static constexpr qint64 kExactCountRows = 100000; // count(*) below this estimate; estimate above
    static constexpr qint64 kScanRuleRows = 10000;    // pghero: index use < 95 % on ≥ 10 000 rows
    static constexpr double kScanRuleIndexPercent = 95;
    static constexpr double kDeadWarnPercent = 20; // dead tuples above this share …
    static constexpr qint64 kDeadWarnRows = 1000;  // … and at least this many: warn
    static constexpr double kSequenceWarnPercent = 75;
    static constexpr double kSequenceCriticalPercent = 90;
    static constexpr qint64 kXidWarnAge = 1000000000; // about half-way to wraparound (2^31)
    static constexpr qint64 kXidCriticalAge = 1500000000;

    static Expected<HealthReport> scan(QSqlDatabase db, const QString &location, const HealthOptions &options = {});
};

} // namespace dbops
