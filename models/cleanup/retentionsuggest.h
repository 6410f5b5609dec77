#pragma once
// Retention policies suggested from a store's tables and the bots' conventions (seed 003: 7 days of
// market_data, archived first; 48 h of indication_states; logs a month): a table whose name says market data,
// indicator cache, log or signal, with a column that dates its rows. Protected and archive tables never, and
// nothing at all from a store without a trading bot's tables (BotTables): that is another application's data.
#include "connection/target.h"
#include "core/retentionpolicy.h"

namespace dbops {

struct RetentionSuggestion {
    RetentionPolicy policy;
    QString
        why; // "market data: 7 days kept (the bots' usual market-data retention), archived into archived_market_data"
};

struct RetentionSuggestions {
    QList<RetentionSuggestion> items;
    bool botTables = true; // false: no table a trading bot uses, so nothing is suggested
};

class RetentionSuggest {
public:
    using Tables = QList<QPair<QString, QList<QPair<QString, QString>>>>;
    static Expected<RetentionSuggestions> scan(const Target &target);
    static Expected<QList<RetentionSuggestion>> forStore(const Target &target); // scan(target)'s items
    // The pure rule: `tables` maps each table to its (column, declared type) list.
    static RetentionSuggestions fromStore(const Tables &tables);
    static QList<RetentionSuggestion> fromTables(const Tables &tables); // fromStore(tables)'s items
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::RetentionSuggestion)
