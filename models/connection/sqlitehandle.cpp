#include "connection/sqlitehandle.h"

#include "core/incidentmode.h"
#include "dialect/sqltext.h"

#include <QFile>
#include <QUrl>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dbops {

namespace {
int progressHandler(void *flag) { return static_cast<const std::atomic_bool *>(flag)->load() ? 1 : 0; }

QString uriFor(const QString &path, const char *params)
{
    return QStringLiteral("file:") + QString::fromUtf8(QUrl::toPercentEncoding(path, "/")) + QLatin1Char('?') +
           QLatin1String(params);
}
} // namespace

SqliteHandle::~SqliteHandle() { close(); }

SqliteHandle::SqliteHandle(SqliteHandle &&other) noexcept { *this = std::move(other); }

SqliteHandle &SqliteHandle::operator=(SqliteHandle &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        m_token = other.m_token;
        m_hasToken = other.m_hasToken;
        other.m_db = nullptr;
        if (m_hasToken && m_db)
            sqlite3_progress_handler(m_db, 1000, progressHandler, const_cast<std::atomic_bool *>(&m_token.flag()));
    }
    return *this;
}

Error SqliteHandle::open(const QString &path, Mode requested, int busyTimeoutMs)
{
    close();
    m_path = path;
    // The choke point of incident mode for raw connections: what asked to write opens read-only, with
    // query_only, so a write that slipped past IncidentMode::refuse fails at the database.
    const bool incident = (requested == Mode::ReadWrite || requested == Mode::Create) && IncidentMode::isOn();
    const Mode mode = incident ? Mode::ReadOnly : requested;
    QString uri;
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        uri = uriFor(path, "mode=ro");
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::Immutable:
        uri = uriFor(path, "mode=ro&immutable=1");
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        uri = uriFor(path, "mode=rw");
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        uri = uriFor(path, "mode=rwc");
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(uri.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = error(rc, QStringLiteral("open"));
        close();
        return e;
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    if (incident)
        exec(SqlText::sqlite("common", "query_only"));
    if (m_hasToken)
        setCancelToken(m_token);
    return {};
}

void SqliteHandle::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void SqliteHandle::keepWalOnClose()
{
    if (m_db)
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

void SqliteHandle::setCancelToken(const CancelToken &token)
{
    m_token = token;
    m_hasToken = true;
    if (m_db)
        sqlite3_progress_handler(m_db, 1000, progressHandler, const_cast<std::atomic_bool *>(&m_token.flag()));
}

Error SqliteHandle::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        return error(rc, QStringLiteral("work on"), sql);
    return {};
}

Expected<QList<QVariantList>> SqliteHandle::query(const QString &sql, const QVariantList &binds)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return error(rc, QStringLiteral("read"), sql);
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds[i];
        switch (v.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::ULongLong: sqlite3_bind_int64(stmt, i + 1, v.toLongLong()); break;
        case QMetaType::Double: sqlite3_bind_double(stmt, i + 1, v.toDouble()); break;
        default:
            if (v.isNull())
                sqlite3_bind_null(stmt, i + 1);
            else
                sqlite3_bind_text(stmt, i + 1, v.toString().toUtf8().constData(), -1, SQLITE_TRANSIENT);
        }
    }
    QList<QVariantList> rows;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        QVariantList row;
        const int n = sqlite3_column_count(stmt);
        for (int c = 0; c < n; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER: row << QVariant(qint64(sqlite3_column_int64(stmt, c))); break;
            case SQLITE_FLOAT: row << QVariant(sqlite3_column_double(stmt, c)); break;
            case SQLITE_NULL: row << QVariant(); break;
            case SQLITE_BLOB:
                row << QVariant(
                    QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, c)), sqlite3_column_bytes(stmt, c)));
                break;
            default:
                row << QVariant(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, c)),
                                                  sqlite3_column_bytes(stmt, c)));
            }
        }
        rows << row;
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return error(rc, QStringLiteral("read"), sql);
    return rows;
}

Expected<QVariant> SqliteHandle::scalar(const QString &sql, const QVariantList &binds)
{
    auto rows = query(sql, binds);
    if (!rows)
        return rows.error();
    if (rows->isEmpty() || rows->first().isEmpty())
        return QVariant();
    return rows->first().first();
}

Error SqliteHandle::error(int rc, const QString &what, const QString &sql) const
{
    const QString text = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    spdlog::debug("sqlite: cannot {} {}: {} (code {}){}{}", what.toStdString(), m_path.toStdString(),
                  text.toStdString(), rc, sql.isEmpty() ? "" : " in: ", sql.left(200).simplified().toStdString());
    const QString where = m_path;
    switch (rc & 0xff) {
    case SQLITE_INTERRUPT:
        return Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled while working on %1").arg(where));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error::make(ErrorCode::Busy,
                           QStringLiteral("cannot %1 %2: it is locked by another process").arg(what, where),
                           QStringLiteral("retry when the writer's transaction ends"), text);
    case SQLITE_NOTADB:
        return Error::make(ErrorCode::NotSqlite, QStringLiteral("%1 is not an SQLite database").arg(where),
                           QStringLiteral("point dbops at the bot's SQLite file"), text);
    case SQLITE_CORRUPT:
        return Error::make(ErrorCode::Corrupt, QStringLiteral("%1 is damaged: SQLite found malformed pages").arg(where),
                           QStringLiteral("restore it from a verified backup"), text);
    case SQLITE_FULL:
        return Error::make(ErrorCode::Io, QStringLiteral("disk full while writing %1").arg(where),
                           QStringLiteral("free space on that disk"), text);
    case SQLITE_CANTOPEN:
        return Error::make(QFile::exists(where) ? ErrorCode::Io : ErrorCode::NotFound,
                           QStringLiteral("cannot open %1").arg(where),
                           QStringLiteral("check the path and its permissions"), text);
    case SQLITE_READONLY:
    case SQLITE_PERM:
        if (IncidentMode::isOn())
            return IncidentMode::writeRefused(what, where, text);
        return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 %2: access refused").arg(what, where),
                           QStringLiteral("check the permissions of the file and its folder"), text);
    case SQLITE_IOERR:
        return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 %2: a disk read or write failed").arg(what, where),
                           QStringLiteral("check the disk and free space"), text);
    default:
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("cannot %1 %2 (SQLite error %3)").arg(what, where).arg(rc),
                           QStringLiteral("the log holds SQLite's own words (`--verbose` shows them)"), text);
    }
}

QString SqliteHandle::libraryVersion() { return QString::fromLatin1(sqlite3_libversion()); }

QString SqliteHandle::quoteIdentifier(const QString &name)
{
    QString n = name;
    n.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + n + QLatin1Char('"');
}

} // namespace dbops
