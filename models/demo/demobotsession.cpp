#include "demo/demobotsession.h"

#include "connection/connector.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "demo/demoevents.h"
#include "demo/demomarket.h"
#include "demo/demosql.h"
#include "dialect/sqltext.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <cmath>

namespace dbops {

namespace {

constexpr double kVolatility = 0.0005; // per iteration: livelier than 5-minute bars, still plausible
constexpr double kFeeRate = 0.001;

// A prepared named statement with its values bound by position.
QSqlQuery prepare(QSqlDatabase db, const QString &name, std::initializer_list<QVariant> values)
{
    QSqlQuery q(db);
    q.prepare(DemoSql::query(name));
    int i = 0;
    for (const QVariant &v : values)
        q.bindValue(i++, v);
    return q;
}

} // namespace

DemoBotSession::DemoBotSession(const SimulatorOptions &opts, SimulatorStats &stats)
    : m_opts(opts), m_stats(stats), m_rng(opts.seed), m_name(Connector::uniqueName(QStringLiteral("demo-bot")))
{}

DemoBotSession::~DemoBotSession() { Connector::close(m_name); }

Error DemoBotSession::open(const QString &path)
{
    m_path = path;
    SessionOptions session = SessionOptions::action();
    session.applicationName = QStringLiteral("dbops-demo-bot");
    session.sqliteBusyTimeoutMs = m_opts.busyTimeoutMs;
    if (Error e = Connector::open(m_name, Target::sqliteFile(path), session))
        return e;
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("demo_session", "foreign_keys")))
        return DemoSql::failure(q, path, QStringLiteral("set up"));
    if (Error e = checkTables())
        return e;
    if (!q.exec(DemoSql::query(QStringLiteral("sim_symbols"))))
        return DemoSql::failure(q, path, QStringLiteral("read the symbols of"));
    while (q.next())
        m_symbols << q.value(0).toString();
    if (m_symbols.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("%1 has no market_data rows to continue from").arg(path),
                           QStringLiteral("simulate on a store made by `dbops demo`"));
    for (const QString &symbol : std::as_const(m_symbols)) {
        QSqlQuery last = prepare(db, QStringLiteral("sim_latest_close"), {symbol});
        if (!last.exec() || !last.next())
            return DemoSql::failure(last, path, QStringLiteral("read the last price in"));
        m_prices << last.value(0).toDouble();
    }
    return {};
}

Error DemoBotSession::checkTables()
{
    const QStringList tables = QSqlDatabase::database(m_name, false).tables();
    QStringList missing;
    for (const char *t : {"market_data", "signals", "orders", "trades", "positions", "error_logs", "candles"})
        if (!tables.contains(QLatin1String(t)))
            missing << QLatin1String(t);
    if (missing.isEmpty())
        return {};
    return Error::make(
        ErrorCode::Usage,
        QStringLiteral("%1 is not a demo trading store: no table %2").arg(m_path, missing.join(QStringLiteral(", "))),
        QStringLiteral("create one with `dbops demo DIR` and simulate on DIR"));
}

Error DemoBotSession::tick(qint64 nowMs, int iteration)
{
    if (Error e = write([&](Counts &c) { return writeMarketData(nowMs, c); }))
        return e;
    if (m_opts.tradeEvery > 0 && iteration % m_opts.tradeEvery == 0)
        if (Error e = write([&](Counts &c) { return writeTrade(nowMs, iteration, c); }))
            return e;
    if (m_opts.errorEvery > 0 && iteration % m_opts.errorEvery == 0)
        if (Error e = write([&](Counts &c) { return writeErrorLog(nowMs, c); }))
            return e;
    return readDashboard(nowMs, iteration);
}

Error DemoBotSession::write(const std::function<Error(Counts &)> &work)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("common", "begin_immediate"))) {
        Error e = DemoSql::failure(q, m_path, QStringLiteral("start a write on"));
        if (e.code != ErrorCode::Busy)
            return e;
        ++m_stats.busySkips;
        return {};
    }
    Counts counts;
    Error error = work(counts);
    if (!error && !q.exec(SqlText::sqlite("common", "commit")))
        error = DemoSql::failure(q, m_path, QStringLiteral("commit to"));
    if (error) {
        q.exec(SqlText::sqlite("common", "rollback"));
        if (error.code != ErrorCode::Busy)
            return error;
        ++m_stats.busySkips;
        return {};
    }
    for (auto it = counts.inserted.cbegin(); it != counts.inserted.cend(); ++it)
        m_stats.inserted[it.key()] += it.value();
    for (auto it = counts.updated.cbegin(); it != counts.updated.cend(); ++it)
        m_stats.updated[it.key()] += it.value();
    return {};
}

Error DemoBotSession::writeMarketData(qint64 nowMs, Counts &counts)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    const QString at = DemoSql::isoUtc(nowMs);
    for (int i = 0; i < m_symbols.size(); ++i) {
        const double open = m_prices[i];
        const double close = DemoMarket::roundPrice(open * std::exp(kVolatility * m_rng.normal()));
        const double high = DemoMarket::roundPrice(std::max(open, close) * (1.0 + kVolatility * m_rng.unit()));
        const double low = DemoMarket::roundPrice(std::min(open, close) * (1.0 - kVolatility * m_rng.unit()));
        const double volume = std::round(m_rng.range(0.5, 5.0) * 1000.0 / open * 1000.0) / 1000.0;
        QSqlQuery q =
            prepare(db, QStringLiteral("sim_insert_market_data"), {m_symbols[i], at, open, high, low, close, volume});
        if (!q.exec())
            return DemoSql::failure(q, m_path, QStringLiteral("insert into"));
        m_prices[i] = close;
        ++counts.inserted[QStringLiteral("market_data")];
    }
    return {};
}

Error DemoBotSession::writeTrade(qint64 nowMs, int iteration, Counts &counts)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    const int k = (iteration / m_opts.tradeEvery - 1) % m_symbols.size();
    const QString &symbol = m_symbols[k];
    const double price = m_prices[k];
    const bool buy = m_rng.chance(0.5);
    const QString side = buy ? QStringLiteral("BUY") : QStringLiteral("SELL");
    const double qty = std::max(0.0001, std::round(m_rng.range(200.0, 1500.0) / price * 10000.0) / 10000.0);
    const QString at = DemoSql::isoUtc(nowMs);
    const QString filledAt = DemoSql::isoUtc(nowMs + 1);

    QSqlQuery signal = prepare(
        db, QStringLiteral("sim_insert_signal"),
        {symbol, QStringLiteral("ema_cross"), side, std::round(m_rng.range(0.55, 0.95) * 1000.0) / 1000.0, price, at});
    if (!signal.exec())
        return DemoSql::failure(signal, m_path, QStringLiteral("insert into"));
    ++counts.inserted[QStringLiteral("signals")];

    const QString clientId =
        QStringLiteral("sim-%1-%2-%3").arg(QCoreApplication::applicationPid()).arg(nowMs).arg(iteration);
    QSqlQuery order =
        prepare(db, QStringLiteral("sim_insert_order"),
                {QString::number(5100000000LL + nowMs % 100000000), clientId, symbol, side, price, qty, at, at});
    if (!order.exec())
        return DemoSql::failure(order, m_path, QStringLiteral("insert into"));
    const QVariant orderId = order.lastInsertId();
    ++counts.inserted[QStringLiteral("orders")];

    QSqlQuery position = prepare(db, QStringLiteral("sim_open_position"), {symbol});
    if (!position.exec())
        return DemoSql::failure(position, m_path, QStringLiteral("read"));
    const QVariant positionId = position.next() ? position.value(0) : QVariant();
    position.finish();

    QSqlQuery trade = prepare(db, QStringLiteral("sim_insert_trade"),
                              {orderId, positionId, symbol, side, price, qty,
                               std::round(price * qty * kFeeRate * 10000.0) / 10000.0, filledAt});
    if (!trade.exec())
        return DemoSql::failure(trade, m_path, QStringLiteral("insert into"));
    ++counts.inserted[QStringLiteral("trades")];

    QSqlQuery fill = prepare(db, QStringLiteral("sim_fill_order"), {filledAt, orderId});
    if (!fill.exec())
        return DemoSql::failure(fill, m_path, QStringLiteral("update"));
    counts.updated[QStringLiteral("orders")] += fill.numRowsAffected();

    QSqlQuery mark = prepare(db, QStringLiteral("sim_mark_positions"), {price, price, price, symbol});
    if (!mark.exec())
        return DemoSql::failure(mark, m_path, QStringLiteral("update"));
    counts.updated[QStringLiteral("positions")] += mark.numRowsAffected();
    return {};
}

Error DemoBotSession::writeErrorLog(qint64 nowMs, Counts &counts)
{
    const QVector<DemoEvents::LogLine> &lines = DemoEvents::logLines();
    const DemoEvents::LogLine &line = lines[m_rng.below(lines.size())];
    QSqlQuery q = prepare(QSqlDatabase::database(m_name, false), QStringLiteral("sim_insert_error_log"),
                          {QString::fromLatin1(line.level), QString::fromLatin1(line.source),
                           QString::fromLatin1(line.message), DemoSql::isoUtc(nowMs)});
    if (!q.exec())
        return DemoSql::failure(q, m_path, QStringLiteral("insert into"));
    ++counts.inserted[QStringLiteral("error_logs")];
    return {};
}

Error DemoBotSession::readDashboard(qint64 nowMs, int iteration)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    const auto read = [&](const char *name, std::initializer_list<QVariant> values) -> Error {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(DemoSql::query(QLatin1String(name)));
        int i = 0;
        for (const QVariant &v : values)
            q.bindValue(i++, v);
        if (!q.exec()) {
            Error e = DemoSql::failure(q, m_path, QStringLiteral("read"));
            if (e.code != ErrorCode::Busy)
                return e;
            ++m_stats.busySkips;
            return {};
        }
        while (q.next()) {
        }
        ++m_stats.reads;
        return {};
    };
    const QString &symbol = m_symbols[iteration % m_symbols.size()];
    if (Error e = read("sim_latest_close", {symbol}))
        return e;
    if (Error e = read("sim_read_open_positions", {}))
        return e;
    if (Error e = read("sim_read_open_orders", {}))
        return e;
    if (Error e = read("sim_read_recent_candles", {symbol}))
        return e;
    return read("sim_read_recent_errors", {DemoSql::isoUtc(nowMs - 3600 * 1000)});
}

} // namespace dbops
