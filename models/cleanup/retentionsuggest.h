#pragma once
// Retention policies suggested from a store's tables and the bots' conventions (seed 003: 7 days of
// market_data, archived first; 48 h of indication_states; logs a month): a table whose name says market data,
// indicator cache, log or signal, with a column that dates its rows. Protected and archive tables never.
#include "connection/target.h"
#include "core/retentionpolicy.h"

namespace dbops {

struct RetentionSuggestion {
    RetentionPolicy policy;
    QString why; // "market data: 7 days kept (seed 003's rule), archived into archived_market_data"
};

class RetentionSuggest {
public:
    static Expected<QList<RetentionSuggestion>> forStore(const Target &target);
    // The pure rule: `tables` maps each table to its (column, declared type) list.
    static QList<RetentionSuggestion> fromTables(const QList<QPair<QString, QList<QPair<QString, QString>>>> &tables);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionSuggestion)
