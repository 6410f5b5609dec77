#include "cleanup/retentionsuggest.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"
#include "schema/bottables.h"
#include "schema/datingcolumn.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace dbops {

namespace {

struct Rule {
    const char *pattern;
    qint64 keepSeconds;
    const char *what;
};
const Rule kRules[] = {
    {"^(market_data|candles?|klines?|ohlcv\\w*|ticks?|trades_raw|orderbook\\w*|\\w*_(candles|klines|ticks|ohlcv))$",
     7 * 86400, "market data: 7 days kept (the bots' usual market-data retention)"},
    {"^(indication_states|indicators?(_\\w+)?|\\w*_cache|cache_\\w*)$", 2 * 86400,
     "indicator cache: 48 hours kept (the bots' usual indicator-state retention)"},
    {"^(\\w*_)?(logs?|events?|error_logs?|heartbeats?)$", 30 * 86400, "log: 30 days kept"},
    {"^(\\w*_)?(signals?|predictions?|ml_predictions)$", 30 * 86400, "signals: 30 days kept"},
};

bool isArchiveOrBookkeeping(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("^(archived?_\\w+|\\w+_archive[sd]?|schema_migrations|alembic_version|django_migrations|"
                       "sqlite_\\w+|flyway_schema_history|knex_migrations\\w*)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

} // namespace

RetentionSuggestions RetentionSuggest::fromStore(const Tables &tables)
{
    QStringList names;
    for (const auto &t : tables)
        names << t.first.toLower();
    RetentionSuggestions result;
    result.botTables = BotTables::anyIn(names);
    if (!result.botTables)
        return result;
    QList<RetentionSuggestion> &out = result.items;
    for (const auto &[table, columns] : tables) {
        const QString bare = table.section(QLatin1Char('.'), -1);
        if (RetentionPolicy::isProtectedTable(bare) || isArchiveOrBookkeeping(bare))
            continue;
        const QString column = DatingColumn::pick(columns);
        if (column.isEmpty())
            continue;
        for (const Rule &rule : kRules) {
            if (!QRegularExpression(QLatin1String(rule.pattern), QRegularExpression::CaseInsensitiveOption)
                     .match(bare)
                     .hasMatch())
                continue;
            RetentionSuggestion s;
            s.policy.table = table;
            s.policy.column = column;
            s.policy.keepSeconds = rule.keepSeconds;
            s.why = QLatin1String(rule.what);
            const QString prefix = table.contains(QLatin1Char('.'))
                                       ? QString(table.section(QLatin1Char('.'), 0, 0) + QLatin1Char('.'))
                                       : QString();
            const QStringList archives{QStringLiteral("archived_") + bare, bare + QStringLiteral("_archive"),
                                       QStringLiteral("archive_") + bare};
            for (const QString &archive : archives) {
                if (names.contains((prefix + archive).toLower())) {
                    s.policy.archiveTable = prefix + archive;
                    s.why += QStringLiteral(", archived into ") + prefix + archive;
                    break;
                }
            }
            out << s;
            break;
        }
    }
    return result;
}

QList<RetentionSuggestion> RetentionSuggest::fromTables(const Tables &tables) { return fromStore(tables).items; }

Expected<QList<RetentionSuggestion>> RetentionSuggest::forStore(const Target &target)
{
    auto s = scan(target);
    if (!s)
        return s.error();
    return s->items;
}

Expected<RetentionSuggestions> RetentionSuggest::scan(const Target &target)
{
    ScopedConnection connection(target, SessionOptions::monitor(), QStringLiteral("cleanup-suggest"));
    if (!connection.ok())
        return connection.error();
    const bool pg = target.isPostgres();
    const QString dialect = pg ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    QSqlQuery list(connection.db());
    if (!list.exec(SqlText::get(dialect, QStringLiteral("backup_tables"))))
        return Connector::classify(list.lastError(), target, QStringLiteral("listing tables"));
    QList<QPair<QString, QString>> names; // (schema, table)
    while (list.next())
        names << (pg ? qMakePair(list.value(0).toString(), list.value(1).toString())
                     : qMakePair(QString(), list.value(0).toString()));
    Tables tables;
    for (const auto &[schema, table] : names) {
        QSqlQuery q(connection.db());
        q.prepare(
            SqlText::get(dialect, pg ? QStringLiteral("backup_columns") : QStringLiteral("backup_table_columns")));
        if (pg)
            q.addBindValue(schema);
        q.addBindValue(table);
        QList<QPair<QString, QString>> columns;
        if (q.exec())
            while (q.next())
                columns << qMakePair(q.value(0).toString(), q.value(1).toString());
        tables << qMakePair(
            pg && schema != QLatin1String("public") ? QString(schema + QLatin1Char('.') + table) : table, columns);
    }
    return fromStore(tables);
}

} // namespace dbops
