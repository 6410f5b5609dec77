#pragma once
// Data age of a table with a time column (oldest / newest row, last-write age) and the findings it gives:
// stale_writes (newest row older than the operator's threshold) and retention_exceeded (rows older than a
// retention policy keeps).
#include "schema/healthoptions.h"
#include "schema/healthreport.h"

#include <QVariant>

namespace dbops {

class DataAge {
public:
    // Fills the table's data age from the min / max values read, and raises stale_writes when asked to.
    static void apply(TableHealth &table, const QVariant &oldest, const QVariant &newest, bool approximate,
                      const HealthOptions &options, HealthReport &report);
    // `oldest` is min(rule.column) of rule.table.
    static void retention(const RetentionRule &rule, const QVariant &oldest, const HealthOptions &options,
                          HealthReport &report);
    // The column that dates a row, among (name, declared type) pairs: a preferred name, else a time type.
    static QString timeColumn(const QList<QPair<QString, QString>> &columns);
};

} // namespace dbops
