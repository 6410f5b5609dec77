#include "sqlitefixture.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dbops::test {

namespace {
QString fixtureName()
{
    static QAtomicInteger<int> n;
    return QStringLiteral("fixture-%1").arg(++n);
}
} // namespace

bool SqliteFixture::create(const QString &path, const QStringList &statements, bool wal)
{
    const QString name = fixtureName();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        if (ok && wal)
            ok = q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        for (const QString &sql : statements) {
            if (!ok)
                break;
            ok = q.exec(sql);
            if (!ok)
                qWarning("fixture statement failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool SqliteFixture::createTradingStore(const QString &path, int rows, bool wal)
{
    QStringList sql{
        QStringLiteral(
            "CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, price REAL, created_at TEXT)"),
        QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, trade_id INTEGER, status TEXT)"),
        QStringLiteral("CREATE TABLE positions (symbol TEXT PRIMARY KEY, qty REAL)"),
        QStringLiteral("BEGIN"),
    };
    for (int i = 1; i <= rows; ++i)
        sql << QStringLiteral("INSERT INTO trades VALUES (%1, 'BTCUSDT', %2, '2026-01-01T00:%3:00Z')")
                   .arg(i)
                   .arg(40000 + i)
                   .arg(i % 60, 2, 10, QLatin1Char('0'));
    sql << QStringLiteral("COMMIT");
    return create(path, sql, wal);
}

QVariant SqliteFixture::scalar(const QString &path, const QString &sql)
{
    const QString name = fixtureName();
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

bool SqliteFixture::exec(const QString &path, const QString &sql)
{
    const QString name = fixtureName();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace dbops::test
