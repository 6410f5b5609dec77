#include "sqlitefixture.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <sqlite3.h>

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

bool SqliteFixture::execLeavingWal(const QString &path, const QStringList &statements)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    ok = ok && sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr) == SQLITE_OK;
    const QStringList all =
        QStringList{QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA wal_autocheckpoint=0")} +
        statements;
    for (const QString &sql : all) {
        if (!ok)
            break;
        ok = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
        if (!ok)
            qWarning("fixture statement failed: %s: %s", qPrintable(sql), sqlite3_errmsg(db));
    }
    sqlite3_close(db);
    return ok;
}

qint64 SqliteFixture::rows(const QString &path, const QString &table)
{
    return scalar(path, QStringLiteral("SELECT count(*) FROM ") + table).toLongLong();
}

} // namespace dbops::test
