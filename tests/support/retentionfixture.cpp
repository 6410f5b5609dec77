#include "retentionfixture.h"

#include "sqlitefixture.h"

#include <QStringList>

namespace dbops::test {

QString RetentionFixture::isoAgo(const QDateTime &now, qint64 seconds, bool tz)
{
    const QDateTime at = now.toUTC().addSecs(-seconds);
    return tz ? at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))
              : at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

bool RetentionFixture::create(const QString &path, const QDateTime &now, bool wal)
{
    QStringList sql{
        QStringLiteral("CREATE TABLE market_data (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, timestamp TEXT NOT "
                       "NULL, close REAL NOT NULL)"),
        QStringLiteral("CREATE INDEX idx_market_data_ts ON market_data(timestamp)"),
        QStringLiteral("CREATE TABLE archived_market_data (id INTEGER, symbol TEXT NOT NULL, timestamp TEXT NOT "
                       "NULL, close REAL NOT NULL, archived_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE candles (symbol TEXT NOT NULL, interval TEXT NOT NULL, open_time INTEGER NOT "
                       "NULL, close REAL NOT NULL, PRIMARY KEY (symbol, interval, open_time))"),
        QStringLiteral("CREATE TABLE indication_states (id INTEGER PRIMARY KEY, calculated_at REAL NOT NULL)"),
        QStringLiteral("CREATE TABLE ticks (symbol TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (symbol, ts)) "
                       "WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, created_at TEXT NOT "
                       "NULL)"),
    };
    const qint64 half = 1800;
    auto ms = [&](qint64 ago) { return now.toUTC().addSecs(-ago).toMSecsSinceEpoch(); };
    QStringList rows;
    for (int i = 0; i < 240; ++i)
        rows << QStringLiteral("(%1, 'BTCUSDT', '%2', %3)").arg(i + 1).arg(isoAgo(now, i * 3600 + half)).arg(100 + i);
    sql << QStringLiteral("INSERT INTO market_data VALUES ") + rows.join(QLatin1Char(','));
    rows.clear();
    for (int i = 0; i < 100; ++i)
        rows << QStringLiteral("('ETHUSDT', '1h', %1, %2)").arg(ms(i * 3600 + half)).arg(2000 + i);
    sql << QStringLiteral("INSERT INTO candles VALUES ") + rows.join(QLatin1Char(','));
    rows.clear();
    for (int i = 0; i < 60; ++i)
        rows << QStringLiteral("(%1, %2.25)").arg(i + 1).arg(ms(i * 3600 + half) / 1000);
    sql << QStringLiteral("INSERT INTO indication_states VALUES ") + rows.join(QLatin1Char(','));
    rows.clear();
    for (int i = 0; i < 30; ++i)
        rows << QStringLiteral("('SOLUSDT', %1)").arg(ms(i * 3600 + half));
    sql << QStringLiteral("INSERT INTO ticks VALUES ") + rows.join(QLatin1Char(','));
    rows.clear();
    for (int i = 0; i < 50; ++i)
        rows << QStringLiteral("(%1, 'BTCUSDT', '%2')").arg(i + 1).arg(isoAgo(now, i * 86400 + half, true));
    sql << QStringLiteral("INSERT INTO trades VALUES ") + rows.join(QLatin1Char(','));
    return SqliteFixture::create(path, sql, wal);
}

} // namespace dbops::test
