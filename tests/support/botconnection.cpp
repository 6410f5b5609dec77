#include "botconnection.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace dbops::test {

BotConnection::BotConnection(const QString &path) : m_name(QStringLiteral("bot-%1").arg(quintptr(this)))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    db.open();
}

BotConnection::~BotConnection()
{
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

bool BotConnection::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    const bool ok = q.exec(sql);
    while (ok && q.next()) {
    }
    return ok;
}

} // namespace dbops::test
