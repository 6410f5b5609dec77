#include "busystore.h"

#include "sqlitefixture.h"

#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace dbops::test {

namespace {

bool run(const QString &connection, const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(connection, false));
    return q.exec(sql);
}

} // namespace

BusyStore::BusyStore(const QString &path, Mode mode)
    : m_path(path), m_connection(QStringLiteral("busy-store-%1").arg(quintptr(this))), m_mode(mode)
{
    const bool wal = mode == Mode::WalPendingFrames;
    if (!SqliteFixture::createTradingStore(path, 200, wal))
        return;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return;
    if (wal) {
        m_ok = run(m_connection, QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        for (int i = 0; m_ok && i < 3; ++i) // three commits: frames of several transactions wait in the -wal
            m_ok = run(m_connection, QStringLiteral("INSERT INTO trades (symbol, price, created_at) SELECT 'ETHUSDT', "
                                                    "price + %1, created_at FROM trades LIMIT 100")
                                         .arg(i));
        m_ok = m_ok && QFileInfo(path + QStringLiteral("-wal")).size() > 32;
    } else if (mode == Mode::ExclusiveLock) {
        m_ok = run(m_connection, QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")) &&
               run(m_connection, QStringLiteral("BEGIN EXCLUSIVE")) &&
               run(m_connection, QStringLiteral("UPDATE trades SET price = price + 1"));
    } else {
        m_ok = run(m_connection, QStringLiteral("BEGIN IMMEDIATE")) &&
               run(m_connection, QStringLiteral("UPDATE trades SET price = price + 1")) &&
               QFileInfo::exists(path + QStringLiteral("-journal"));
    }
}

BusyStore::~BusyStore()
{
    if (m_mode != Mode::WalPendingFrames)
        run(m_connection, QStringLiteral("ROLLBACK"));
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QString BusyStore::fingerprint(const QString &path)
{
    QStringList lines;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        const QFileInfo file(path + suffix);
        if (!file.exists()) {
            lines << file.fileName() + QStringLiteral(": absent");
            continue;
        }
        // Hashed by another process: a descriptor of this one, once closed, would drop the locks the store's
        // connection here holds (POSIX locks belong to the process).
        QProcess sha;
        sha.start(QStringLiteral("sha256sum"), {file.filePath()});
        const bool done = sha.waitForFinished(30000) && sha.exitCode() == 0;
        const QByteArray digest = done ? sha.readAllStandardOutput().split(' ').value(0) : QByteArray("unreadable");
        lines << QStringLiteral("%1: %2 bytes sha256 %3")
                     .arg(file.fileName())
                     .arg(file.size())
                     .arg(QString::fromLatin1(digest));
    }
    return lines.join(QLatin1Char('\n'));
}

QString BusyStore::modeName(Mode mode)
{
    switch (mode) {
    case Mode::WalPendingFrames: return QStringLiteral("wal");
    case Mode::RollbackOpenTransaction: return QStringLiteral("rollback");
    case Mode::ExclusiveLock: break;
    }
    return QStringLiteral("exclusive");
}

} // namespace dbops::test
