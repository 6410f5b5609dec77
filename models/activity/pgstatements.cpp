#include "activity/pgstatements.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace dbops {

namespace {

const QString kDialect = QStringLiteral("postgresql");

struct Row {
    qint64 queryId = 0;
    StatementCounters c;
};

Error queryError(const QSqlQuery &q, const Target &target)
{
    return Connector::classify(q.lastError(), target, QStringLiteral("read pg_stat_statements of"));
}

// Fills in the texts of `rows` from `texts`, asking the server for those it does not hold yet.
Error fillTexts(QSqlDatabase db, const Target &target, QList<Row> &rows, QHash<qint64, QString> &texts)
{
    QStringList missing;
    for (const Row &r : rows)
        if (!texts.contains(r.queryId))
            missing << QString::number(r.queryId);
    if (!missing.isEmpty()) {
        if (texts.size() + missing.size() > StatementCache::MaxTexts)
            texts.clear();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(SqlText::get(kDialect, QStringLiteral("activity_statement_texts")));
        q.addBindValue(QStringLiteral("{%1}").arg(missing.join(QLatin1Char(','))));
        if (!q.exec())
            return queryError(q, target);
        while (q.next())
            texts.insert(q.value(0).toLongLong(), q.value(1).toString());
    }
    for (Row &r : rows)
        r.c.query = texts.value(r.queryId);
    return {};
}

// The ids of the console's own statements among the texts known so far, as an array literal.
QString ownIds(const QHash<qint64, QString> &texts)
{
    QStringList ids;
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        if (SqlText::isConsoleStatement(it.value()))
            ids << QString::number(it.key());
    return QStringLiteral("{%1}").arg(ids.join(QLatin1Char(',')));
}

Expected<QList<Row>> read(QSqlDatabase db, const Target &target, const QString &order, int limit,
                          const QString &excluded, double *allMs)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(SqlText::get(kDialect, QStringLiteral("activity_statements")));
    q.addBindValue(excluded);
    q.addBindValue(order);
    q.addBindValue(limit > 0 ? QVariant(qint64(limit)) : QVariant(QMetaType(QMetaType::LongLong)));
    if (!q.exec())
        return queryError(q, target);
    QList<Row> rows;
    while (q.next()) {
        Row r;
        r.queryId = q.value(0).toLongLong();
        r.c.calls = q.value(1).toLongLong();
        r.c.totalMs = q.value(2).toDouble();
        r.c.rows = q.value(3).toLongLong();
        r.c.blksHit = q.value(4).toLongLong();
        r.c.blksRead = q.value(5).toLongLong();
        if (allMs)
            *allMs = q.value(6).toDouble();
        rows << r;
    }
    return rows;
}

// The console's own statements never count: their ids are known once their (marked) texts are, so a read
// that finds some among the top rows is repeated without them. Each round learns at least one more id.
Expected<QList<Row>> fetch(QSqlDatabase db, const Target &target, const QString &order, int limit, double *allMs,
                           QHash<qint64, QString> *texts)
{
    constexpr int kMaxRounds = 8;
    QHash<qint64, QString> local;
    QHash<qint64, QString> &known = texts ? *texts : local;
    for (int round = 1;; ++round) {
        auto rows = read(db, target, order, limit, ownIds(known), allMs);
        if (!rows)
            return rows.error();
        if (const Error e = fillTexts(db, target, rows.value(), known))
            return e;
        const qsizetype removed = rows->removeIf([](const Row &r) { return SqlText::isConsoleStatement(r.c.query); });
        if (removed == 0 || limit <= 0 || round == kMaxRounds)
            return rows;
    }
}

StatementStat statFrom(const Row &r, double allMs)
{
    StatementStat s;
    s.queryId = r.queryId;
    s.query = r.c.query;
    s.calls = r.c.calls;
    s.totalMs = r.c.totalMs;
    s.meanMs = r.c.calls > 0 ? r.c.totalMs / r.c.calls : 0;
    s.rows = r.c.rows;
    s.pctOfTotal = allMs > 0 ? 100.0 * r.c.totalMs / allMs : 0;
    const qint64 blocks = r.c.blksHit + r.c.blksRead;
    s.cacheHitPct = blocks > 0 ? 100.0 * r.c.blksHit / blocks : -1;
    return s;
}

double sortKey(const StatementStat &s, const QString &order)
{
    if (order == QLatin1String("mean"))
        return s.meanMs;
    if (order == QLatin1String("calls"))
        return double(s.calls);
    return s.totalMs;
}

// Current minus baseline; a statement whose counters went down was reset by someone else: counted whole.
QList<Row> deltas(const QList<Row> &now, const StatementBaseline &baseline)
{
    QList<Row> out;
    for (Row r : now) {
        const auto b = baseline.byQueryId.constFind(r.queryId);
        if (b != baseline.byQueryId.cend() && r.c.calls >= b->calls) {
            r.c.calls -= b->calls;
            r.c.totalMs -= b->totalMs;
            r.c.rows -= b->rows;
            r.c.blksHit -= b->blksHit;
            r.c.blksRead -= b->blksRead;
        }
        if (r.c.calls > 0)
            out << r;
    }
    return out;
}

} // namespace

bool SlowOptions::isValidOrder(const QString &order)
{
    return order == QLatin1String("total") || order == QLatin1String("mean") || order == QLatin1String("calls");
}

Expected<StatementsStatus> PgStatements::status(QSqlDatabase db, const Target &target)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("activity_statements_extension"))) || !q.next())
        return queryError(q, target);
    StatementsStatus s;
    s.version = q.value(0).toString();
    s.preloaded = q.value(1).toBool();
    s.database = q.value(2).toString();
    s.usable = s.preloaded && !s.version.isEmpty();
    if (!s.preloaded)
        s.hint =
            QStringLiteral("pg_stat_statements is not loaded by the server: as a superuser run ALTER SYSTEM SET "
                           "shared_preload_libraries = 'pg_stat_statements' (keeping any libraries already listed), "
                           "restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in database \"%1\"")
                .arg(s.database);
    else if (s.version.isEmpty())
        s.hint = QStringLiteral("pg_stat_statements is loaded but not created in database \"%1\": run CREATE "
                                "EXTENSION pg_stat_statements; there (as a superuser or the database owner)")
                     .arg(s.database);
    return s;
}

Expected<QList<StatementStat>> PgStatements::top(QSqlDatabase db, const Target &target, const SlowOptions &options,
                                                 QHash<qint64, QString> *texts)
{
    const bool delta = options.baseline && options.baseline->isValid();
    double allMs = 0;
    auto rows = fetch(db, target, options.order, delta ? 0 : options.top, &allMs, texts);
    if (!rows)
        return rows.error();
    QList<Row> list = rows.value();
    if (delta) {
        list = deltas(list, *options.baseline);
        allMs = 0;
        for (const Row &r : list)
            allMs += r.c.totalMs;
    }
    QList<StatementStat> stats;
    for (const Row &r : list)
        stats << statFrom(r, allMs);
    std::stable_sort(stats.begin(), stats.end(), [&](const StatementStat &a, const StatementStat &b) {
        return sortKey(a, options.order) > sortKey(b, options.order);
    });
    if (options.top > 0 && stats.size() > options.top)
        stats.resize(options.top);
    return stats;
}

Expected<QHash<qint64, StatementCounters>> PgStatements::all(QSqlDatabase db, const Target &target)
{
    auto rows = fetch(db, target, QStringLiteral("total"), 0, nullptr, nullptr);
    if (!rows)
        return rows.error();
    QHash<qint64, StatementCounters> out;
    for (const Row &r : rows.value())
        out.insert(r.queryId, r.c);
    return out;
}

} // namespace dbops
