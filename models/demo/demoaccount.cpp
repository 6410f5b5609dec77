#include "demo/demoaccount.h"

#include "demo/demorandom.h"
#include "demo/demosql.h"

#include <QDateTime>

#include <cmath>
#include <optional>

namespace dbops {

namespace {

constexpr qint64 kSecondMs = 1000;
constexpr qint64 kMinuteMs = 60 * kSecondMs;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr double kFeeRate = 0.001;        // taker fee
constexpr double kStartingUsdt = 10000.0; // the account's deposit

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

// Exchange lot sizes shrink as the price grows.
double roundQuantity(double qty, double price)
{
    const double step = price >= 10000 ? 1e5 : price >= 1000 ? 1e4 : price >= 100 ? 1e3 : 1e2;
    return std::round(qty * step) / step;
}

QVariant optional(const std::optional<double> &v) { return v ? QVariant(*v) : QVariant(); }

struct OrderRow {
    qint64 id;
    QString exchangeId, clientId, symbol, side, type, status;
    double price, quantity, filled;
    qint64 createdMs, updatedMs;
};

struct PositionRow {
    qint64 id;
    QString symbol, side, status;
    double quantity, entry;
    std::optional<double> exit;
    double realized;
    qint64 openedMs;
    std::optional<qint64> closedMs;
    double mark, unrealized;
};

struct TradeRow {
    qint64 id, orderId, positionId;
    QString symbol, side;
    double price, quantity, fee, pnl;
    qint64 atMs;
};

// Builds the rows in memory first: trades need the ids of their order and position.
class Ledger {
public:
    Ledger(const QVector<DemoSeries> &market, const DemoOptions &opts, DemoRandom &rng)
        : m_market(market), m_rng(rng), m_nowMs(opts.now.toMSecsSinceEpoch()), m_startMs(m_nowMs - opts.days * kDayMs),
          m_days(opts.days)
    {}

    void build()
    {
        const int roundTrips = m_days * 24 / DemoRules::kRoundTripHours;
        for (int r = 0; r < roundTrips; ++r)
            roundTrip(r);
        const int open = std::min(DemoRules::kOpenPositions, int(m_market.size()));
        for (int k = 0; k < open; ++k)
            openPosition(m_market[k], m_nowMs - (25 - 8 * k) * kMinuteMs);
        for (int k = 0; k < m_market.size(); ++k)
            restingOrder(m_market[k], m_nowMs - (12 - 2 * k) * kMinuteMs);
    }

    QVector<OrderRow> orders;
    QVector<PositionRow> positions;
    QVector<TradeRow> trades;

private:
    qint64 addOrder(const QString &symbol, const QString &side, const QString &type, const QString &status,
                    double price, double qty, double filled, qint64 createdMs, qint64 updatedMs)
    {
        const qint64 id = orders.size() + 1;
        const QString day = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd"));
        orders << OrderRow{id,
                           QString::number(3800000000LL + id * 53 + m_rng.below(53)),
                           QStringLiteral("tb-%1-%2").arg(day).arg(id, 6, 10, QLatin1Char('0')),
                           symbol,
                           side,
                           type,
                           status,
                           price,
                           qty,
                           filled,
                           createdMs,
                           updatedMs};
        return id;
    }

    void addTrade(qint64 orderId, qint64 positionId, const QString &symbol, const QString &side, double price,
                  double qty, double fee, double pnl, qint64 atMs)
    {
        trades << TradeRow{trades.size() + 1, orderId, positionId, symbol, side, price, qty, fee, pnl, atMs};
    }

    // Opens at a market price: one FILLED order, one trade. Returns the position row (not yet added).
    PositionRow open(const DemoSeries &s, qint64 atMs, bool isLong)
    {
        const double price = s.priceAt(atMs);
        const double qty = roundQuantity(m_rng.range(500.0, 2500.0) / price, price);
        const QString type = m_rng.chance(0.7) ? QStringLiteral("MARKET") : QStringLiteral("LIMIT");
        const qint64 filledMs = atMs + (1 + m_rng.below(5)) * kSecondMs;
        const QString side = isLong ? QStringLiteral("BUY") : QStringLiteral("SELL");
        const qint64 orderId =
            addOrder(s.symbol, side, type, QStringLiteral("FILLED"), price, qty, qty, atMs, filledMs);
        PositionRow p{positions.size() + 1,   s.symbol, isLong ? QStringLiteral("LONG") : QStringLiteral("SHORT"),
                      QStringLiteral("OPEN"), qty,      price,
                      std::nullopt,           0.0,      atMs,
                      std::nullopt,           price,    0.0};
        addTrade(orderId, p.id, s.symbol, side, price, qty, round4(price * qty * kFeeRate), 0.0, filledMs);
        return p;
    }

    void roundTrip(int r)
    {
        const DemoSeries &s = m_market[r % m_market.size()];
        const qint64 slotMs = m_startMs + r * DemoRules::kRoundTripHours * kHourMs;
        const qint64 entryMs = slotMs + (15 + m_rng.below(90)) * kMinuteMs;
        const qint64 exitMs = entryMs + (20 + m_rng.below(200)) * kMinuteMs;
        const bool isLong = m_rng.chance(0.55);
        if (r % DemoRules::kCancelledEvery == DemoRules::kCancelledEvery - 1) {
            // A limit order that never filled, cancelled when the bot went in at market instead.
            const double p = s.priceAt(entryMs - 10 * kMinuteMs);
            const double limit = DemoMarket::roundPrice(isLong ? p * 0.997 : p * 1.003);
            const double qty = roundQuantity(1000.0 / p, p);
            addOrder(s.symbol, isLong ? QStringLiteral("BUY") : QStringLiteral("SELL"), QStringLiteral("LIMIT"),
                     QStringLiteral("CANCELED"), limit, qty, 0.0, entryMs - 10 * kMinuteMs, entryMs);
        }
        PositionRow p = open(s, entryMs, isLong);
        const double exit = s.priceAt(exitMs);
        const qint64 filledMs = exitMs + (1 + m_rng.below(5)) * kSecondMs;
        const QString side = isLong ? QStringLiteral("SELL") : QStringLiteral("BUY");
        const qint64 orderId = addOrder(s.symbol, side, QStringLiteral("MARKET"), QStringLiteral("FILLED"), exit,
                                        p.quantity, p.quantity, exitMs, filledMs);
        const double exitFee = round4(exit * p.quantity * kFeeRate);
        const double gross = (isLong ? exit - p.entry : p.entry - exit) * p.quantity;
        const double pnl = round4(gross - exitFee - round4(p.entry * p.quantity * kFeeRate));
        addTrade(orderId, p.id, s.symbol, side, exit, p.quantity, exitFee, pnl, filledMs);
        p.status = QStringLiteral("CLOSED");
        p.exit = exit;
        p.realized = pnl;
        p.closedMs = filledMs;
        p.mark = exit;
        positions << p;
    }

    void openPosition(const DemoSeries &s, qint64 atMs)
    {
        PositionRow p = open(s, atMs, m_rng.chance(0.55));
        p.mark = s.priceAt(m_nowMs - 1);
        p.unrealized = round4((p.side == QLatin1String("LONG") ? p.mark - p.entry : p.entry - p.mark) * p.quantity);
        positions << p;
    }

    void restingOrder(const DemoSeries &s, qint64 atMs)
    {
        const double p = s.priceAt(atMs);
        const double limit = DemoMarket::roundPrice(p * (0.985 - 0.01 * m_rng.unit()));
        addOrder(s.symbol, QStringLiteral("BUY"), QStringLiteral("LIMIT"), QStringLiteral("NEW"), limit,
                 roundQuantity(800.0 / limit, limit), 0.0, atMs, atMs);
    }

    const QVector<DemoSeries> &m_market;
    DemoRandom &m_rng;
    qint64 m_nowMs, m_startMs;
    int m_days;
};

Error writeLedger(QSqlDatabase db, const Ledger &ledger, const QString &path)
{
    DemoInserter orders(db, QStringLiteral("demo_insert_order"), path);
    for (const OrderRow &o : ledger.orders)
        orders.add({o.id, o.exchangeId, o.clientId, o.symbol, o.side, o.type, o.status, o.price, o.quantity, o.filled,
                    DemoSql::isoUtc(o.createdMs), DemoSql::isoUtc(o.updatedMs)});
    if (Error e = orders.finish())
        return e;
    DemoInserter positions(db, QStringLiteral("demo_insert_position"), path);
    for (const PositionRow &p : ledger.positions)
        positions.add({p.id, p.symbol, p.side, p.quantity, p.entry, optional(p.exit), p.realized, p.status,
                       DemoSql::isoUtc(p.openedMs), p.closedMs ? QVariant(DemoSql::isoUtc(*p.closedMs)) : QVariant(),
                       p.mark, p.unrealized});
    if (Error e = positions.finish())
        return e;
    DemoInserter trades(db, QStringLiteral("demo_insert_trade"), path);
    for (const TradeRow &t : ledger.trades)
        trades.add({t.id, t.orderId, t.positionId, t.symbol, t.side, t.price, t.quantity, t.fee, t.pnl,
                    DemoSql::isoUtc(t.atMs)});
    return trades.finish();
}

// USDT follows the realized PnL (and, at the end, the resting orders' locked funds); BTC and ETH drift a
// little as dust from fees and manual transfers would.
Error writeBalances(QSqlDatabase db, const Ledger &ledger, const DemoOptions &opts, DemoRandom &rng,
                    const QString &path)
{
    const qint64 nowMs = opts.now.toMSecsSinceEpoch();
    const qint64 startMs = nowMs - opts.days * kDayMs;
    const int snapshots = opts.days * 24 / DemoRules::kBalanceHours;
    double btc = 0.05, eth = 1.2;
    DemoInserter insert(db, QStringLiteral("demo_insert_balance"), path);
    for (int k = 1; k <= snapshots; ++k) {
        // Taken a minute before each 4-hour mark, so the last one sees the resting orders' locked funds.
        const qint64 t = startMs + k * DemoRules::kBalanceHours * kHourMs - kMinuteMs;
        double realized = 0.0, locked = 0.0;
        for (const PositionRow &p : ledger.positions)
            if (p.closedMs && *p.closedMs <= t)
                realized += p.realized;
        for (const OrderRow &o : ledger.orders)
            if (o.status == QLatin1String("NEW") && o.createdMs <= t)
                locked += o.price * o.quantity;
        btc = std::max(0.0, btc + 0.0005 * (rng.unit() - 0.5));
        eth = std::max(0.0, eth + 0.01 * (rng.unit() - 0.5));
        const QString at = DemoSql::isoUtc(t);
        insert.add({QStringLiteral("USDT"), round4(kStartingUsdt + realized - locked), round4(locked), at});
        insert.add({QStringLiteral("BTC"), std::round(btc * 1e8) / 1e8, 0.0, at});
        insert.add({QStringLiteral("ETH"), std::round(eth * 1e8) / 1e8, 0.0, at});
    }
    return insert.finish();
}

} // namespace

Error DemoAccount::write(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts, DemoRandom &rng,
                         const QString &path)
{
    Ledger ledger(market, opts, rng);
    ledger.build();
    if (Error e = writeLedger(db, ledger, path))
        return e;
    return writeBalances(db, ledger, opts, rng, path);
}

} // namespace dbops
