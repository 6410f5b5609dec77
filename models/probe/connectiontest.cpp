#include "probe/connectiontest.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

namespace dbops {

namespace {

// The first column of `sql`'s first row on the open connection, or the classified error.
Expected<QString> scalar(const ScopedConnection &conn, const Target &target, const QString &sql)
{
    QSqlQuery q(conn.db());
    if (!q.exec(sql) || !q.next())
        return Connector::classify(q.lastError(), target, QStringLiteral("query"));
    return q.value(0).toString();
}

} // namespace

Expected<QString> ConnectionTest::run(const Target &target)
{
    if (target.kind == Target::Kind::DataDir) {
        if (!QFileInfo(target.path).isDir())
            return Error::make(ErrorCode::NotFound, QStringLiteral("no such directory: %1").arg(target.path),
                               QStringLiteral("check the bot's data directory path"));
        const int files = int(QDir(target.path).entryList(QDir::Files).size());
        return QStringLiteral("SQLite %1: folder %2 (%3 files at its top; every store in it is opened read-only)")
            .arg(SqliteHandle::libraryVersion(), target.path)
            .arg(files);
    }
    if (target.kind == Target::Kind::SqliteFile) {
        if (Error e = Connector::checkSqliteFile(target.path))
            return e;
    }
    if (!target.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("no store given to test"));
    const ScopedConnection conn(target, SessionOptions::monitor(), QStringLiteral("connection-test"));
    if (!conn.ok())
        return conn.error();
    if (target.isPostgres()) {
        auto version = scalar(conn, target, SqlText::postgresql("common", "server_version"));
        if (!version)
            return version.error();
        return QStringLiteral("PostgreSQL %1 at %2").arg(version.value(), Connector::pgLabel(target));
    }
    auto version = scalar(conn, target, SqlText::sqlite("common", "sqlite_version"));
    if (!version)
        return version.error();
    return QStringLiteral("SQLite %1: %2 (opens read-only)").arg(version.value(), target.path);
}

Job ConnectionTest::job(const Target &target)
{
    return [target](JobContext &) -> QVariant {
        auto line = run(target);
        return line ? QVariant(line.value()) : QVariant::fromValue(line.error());
    };
}

} // namespace dbops
