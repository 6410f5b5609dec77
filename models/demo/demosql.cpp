#include "demo/demosql.h"

#include "connection/connector.h"
#include "connection/target.h"
#include "dialect/sqltext.h"

#include <QDateTime>
#include <QSqlError>

namespace dbops {

Expected<QString> DemoSql::resource(const QString &name)
{
    const QString text = SqlText::get(QStringLiteral("sqlite"), name);
    if (text.isEmpty())
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("the SQL resource :/sql/sqlite/%1.sql is missing").arg(name),
                           QStringLiteral("rebuild dbops with resources/sql/sqlite/%1.sql").arg(name));
    return text;
}

QString DemoSql::query(const QString &name)
{
    return SqlText::get(QStringLiteral("sqlite"), QStringLiteral("demo_queries"), name);
}

Error DemoSql::execScript(QSqlDatabase db, const QString &sql, const QString &path)
{
    for (const QString &statement : statements(sql))
        if (Error e = exec(db, statement, path))
            return e;
    return {};
}

Error DemoSql::exec(QSqlDatabase db, const QString &sql, const QString &path)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return failure(q, path, QStringLiteral("write"));
    return {};
}

Error DemoSql::failure(const QSqlQuery &query, const QString &path, const QString &what)
{
    Error e = Connector::classify(query.lastError(), Target::sqliteFile(path), what);
    if (e.detail.isEmpty())
        e.detail = query.lastQuery().left(200);
    return e;
}

QString DemoSql::isoUtc(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

DemoInserter::DemoInserter(QSqlDatabase db, const QString &queryName, const QString &path)
    : m_db(db), m_query(db), m_path(path), m_queryName(queryName)
{
    if (!m_db.transaction()) {
        m_error = Connector::classify(m_db.lastError(), Target::sqliteFile(path), QStringLiteral("write"));
        return;
    }
    m_open = true;
    const QString sql = DemoSql::query(queryName);
    if (sql.isEmpty())
        m_error = Error::make(ErrorCode::Internal, QStringLiteral("the demo statement %1 is missing").arg(queryName),
                              QStringLiteral("rebuild dbops: :/sql/sqlite/demo_queries.sql is incomplete"));
    else if (!m_query.prepare(sql))
        m_error = DemoSql::failure(m_query, path, QStringLiteral("prepare an insert into"));
}

DemoInserter::~DemoInserter()
{
    if (m_open)
        m_db.rollback();
}

void DemoInserter::add(std::initializer_list<QVariant> values)
{
    if (m_error)
        return;
    int i = 0;
    for (const QVariant &v : values)
        m_query.bindValue(i++, v);
    if (!m_query.exec())
        m_error = DemoSql::failure(m_query, m_path, QStringLiteral("insert into"));
    else
        ++m_rows;
}

Error DemoInserter::finish()
{
    if (m_error)
        return m_error;
    m_query.finish();
    if (!m_db.commit())
        return Connector::classify(m_db.lastError(), Target::sqliteFile(m_path), QStringLiteral("commit to"));
    m_open = false;
    return {};
}

DemoDatabase::DemoDatabase(const QString &path) : m_name(Connector::uniqueName(QStringLiteral("demo"))), m_path(path)
{
    // The one place dbops creates a database file, deliberately: Connector refuses to.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = Connector::classify(db.lastError(), Target::sqliteFile(path), QStringLiteral("create"));
        return;
    }
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("demo_session", "wal")) || !q.next() ||
        q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        m_error = Error::make(ErrorCode::Io, QStringLiteral("cannot switch %1 to WAL mode").arg(path),
                              QStringLiteral("create the demo on a local file system"), q.lastError().text());
        return;
    }
    for (const char *key : {"no_sync", "cache_size", "foreign_keys"})
        if (!q.exec(SqlText::sqlite("demo_session", key))) {
            m_error = DemoSql::failure(q, path, QStringLiteral("set up"));
            return;
        }
}

DemoDatabase::~DemoDatabase() { Connector::close(m_name); }

QSqlDatabase DemoDatabase::db() const { return QSqlDatabase::database(m_name, false); }

} // namespace dbops
