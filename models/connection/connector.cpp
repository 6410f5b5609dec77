#include "connection/connector.h"

#include "connection/filehead.h"
#include "connection/filelocks.h"

#include "core/incidentmode.h"
#include "core/redact.h"
#include "dialect/sqltext.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>
#include <QtEndian>

namespace dbops {

namespace {

const QByteArray kSqliteMagic("SQLite format 3\0", 16);

QString conninfoValue(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

QString sqliteOpenOptions(const SessionOptions &options)
{
    QString opts = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.sqliteBusyTimeoutMs);
    if (options.mode == AccessMode::ReadOnly)
        opts += QStringLiteral(";QSQLITE_OPEN_READONLY");
    else
        opts += QStringLiteral(";QSQLITE_OPEN_URI"); // with mode=rw: never create a missing file
    return opts;
}

Error openSqlite(const QString &name, const Target &target, const SessionOptions &options)
{
    if (Error e = Connector::checkSqliteFile(target.path))
        return e;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (options.mode == AccessMode::ReadOnly)
        db.setDatabaseName(target.path);
    else
        db.setDatabaseName(QStringLiteral("file:") + QString::fromUtf8(QUrl::toPercentEncoding(target.path, "/")) +
                           QStringLiteral("?mode=rw"));
    db.setConnectOptions(sqliteOpenOptions(options));
    if (!db.open())
        return Connector::classify(db.lastError(), target, QStringLiteral("open"));
    QSqlQuery q(db);
    if (options.mode == AccessMode::ReadOnly)
        q.exec(SqlText::sqlite("common", "query_only"));
    // Reading the schema is what tells a database from a file with a valid header and garbage behind it.
    if (!q.exec(SqlText::sqlite("common", "read_schema")))
        return Connector::classify(q.lastError(), target, QStringLiteral("read the schema of"));
    return {};
}

QString pgConnectOptions(const Target &target, const SessionOptions &options)
{
    QStringList opts;
    opts << QStringLiteral("connect_timeout=%1").arg(options.connectTimeoutS)
         << QStringLiteral("application_name=") + conninfoValue(options.applicationName);
    if (!target.pg.sslmode.isEmpty())
        opts << QStringLiteral("sslmode=") + conninfoValue(target.pg.sslmode);
    if (!target.pg.service.isEmpty())
        opts << QStringLiteral("service=") + conninfoValue(target.pg.service);
    return opts.join(QLatin1Char(';'));
}

Error setUpPgSession(QSqlDatabase &db, const Target &target, const SessionOptions &options)
{
    const auto set = [](const char *key, int ms) {
        return SqlText::postgresql("session", key, {{"milliseconds", QString::number(ms)}});
    };
    QStringList statements{
        set("statement_timeout", options.statementTimeoutMs),
        set("lock_timeout", options.lockTimeoutMs),
        set("idle_in_transaction_timeout", options.idleInTransactionTimeoutMs),
    };
    if (options.mode == AccessMode::ReadOnly)
        statements << SqlText::postgresql("session", "read_only");
    QSqlQuery q(db);
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return Connector::classify(q.lastError(), target, QStringLiteral("set up the session on"));
    }
    return {};
}

Error openPostgres(const QString &name, const Target &target, const SessionOptions &options)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!db.isValid())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed"),
                           QStringLiteral("install the package libqt6sql6-psql"));
    const PgParams &pg = target.pg;
    if (!pg.host.isEmpty())
        db.setHostName(pg.host);
    if (pg.port > 0)
        db.setPort(pg.port);
    if (!pg.dbname.isEmpty())
        db.setDatabaseName(pg.dbname);
    if (!pg.user.isEmpty())
        db.setUserName(pg.user);
    const QString password = options.password.isEmpty() ? pg.password : options.password;
    if (!password.isEmpty())
        db.setPassword(password);
    db.setConnectOptions(pgConnectOptions(target, options));
    if (!db.open())
        return Connector::classify(db.lastError(), target, QStringLiteral("connect to"));
    return setUpPgSession(db, target, options);
}

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *n : needles)
        if (text.contains(QLatin1String(n), Qt::CaseInsensitive))
            return true;
    return false;
}

// SQLite's and the Qt driver's words ("… Unable to execute statement") stay in `detail` (logged at debug
// level): the message says what happened to which file in the operator's words.
Error classifySqlite(const QString &text, const Target &target, const QString &what)
{
    const QString path = target.path;
    if (containsAny(text, {"file is not a database", "file is encrypted"}))
        return Error::make(ErrorCode::NotSqlite, QStringLiteral("%1 is not an SQLite database").arg(path),
                           QStringLiteral("point dbops at the bot's .db/.sqlite file"), text);
    if (containsAny(text, {"malformed", "disk image"}))
        return Error::make(ErrorCode::NotSqlite,
                           QStringLiteral("%1 is not a readable SQLite database: its pages are malformed").arg(path),
                           QStringLiteral("the file is damaged or truncated; restore it from a backup"), text);
    if (containsAny(text, {"locked", "busy"}))
        return Error::make(ErrorCode::Busy, QStringLiteral("%1 is locked by another process").arg(path),
                           QStringLiteral("retry when the bot's write finishes, or raise the busy timeout"), text);
    if (containsAny(text, {"unable to open", "permission", "readonly", "read-only"}))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 %2: access refused").arg(what, path),
                           QStringLiteral("check that the file and its folder are readable (and writable for actions)"),
                           text);
    if (containsAny(text, {"interrupt"}))
        return Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled while working on %1").arg(path));
    return Error::make(ErrorCode::QueryFailed,
                       QStringLiteral("cannot %1 %2: SQLite refused the request").arg(what, path),
                       QStringLiteral("the log holds SQLite's own words (`--verbose` shows them)"), text);
}

Error classifyPostgres(const QSqlError &error, const QString &text, const Target &target, const QString &what)
{
    const QString where = Connector::pgLabel(target);
    const QString user = target.pg.user.isEmpty() ? qEnvironmentVariable("PGUSER") : target.pg.user;
    Error e;
    if (containsAny(text, {"password authentication failed", "no password supplied", "authentication failed"}))
        e = Error::make(ErrorCode::AuthFailed,
                        QStringLiteral("password authentication failed for user \"%1\" at %2").arg(user, where),
                        QStringLiteral("fix the entry in ~/.pgpass (or PGPASSFILE), or enter the password when asked"));
    else if (containsAny(text, {"no pg_hba.conf entry", "role \""}) && containsAny(text, {"pg_hba", "does not exist"}))
        e = Error::make(ErrorCode::AuthFailed, QStringLiteral("the server at %1 refused user \"%2\"").arg(where, user),
                        QStringLiteral("check the user name and the server's pg_hba.conf"));
    else if (containsAny(text, {"database \""}) && containsAny(text, {"does not exist"}))
        e = Error::make(ErrorCode::UnknownDatabase,
                        QStringLiteral("database \"%1\" does not exist on %2")
                            .arg(target.pg.dbname.isEmpty() ? user : target.pg.dbname, where),
                        QStringLiteral("check the database name (psql -l lists them)"));
    else if (containsAny(text, {"server does not support SSL", "SSL", "certificate"}))
        e = Error::make(ErrorCode::TlsRefused, QStringLiteral("TLS negotiation with %1 failed").arg(where),
                        QStringLiteral("match sslmode to the server: use sslmode=disable for a server without TLS, "
                                       "or install its certificate for verify-ca/verify-full"));
    else if (containsAny(text, {"timeout expired"}))
        // Nothing answered: as unusable as nothing listening (exit 3), not a failure of work begun.
        e = Error::make(ErrorCode::HostUnreachable,
                        QStringLiteral("%1 did not answer within the connect timeout").arg(where),
                        QStringLiteral("check the host and port, and that a firewall is not dropping packets"));
    else if (containsAny(text, {"statement timeout", "canceling statement due to statement timeout"}))
        e = Error::make(ErrorCode::Timeout,
                        QStringLiteral("a statement on %1 ran past the statement timeout").arg(where),
                        QStringLiteral("the server is overloaded or the query is slow; retry or raise the timeout"));
    else if (containsAny(text, {"lock timeout"}))
        e = Error::make(ErrorCode::Busy,
                        QStringLiteral("a lock on %1 was not granted within the lock timeout").arg(where),
                        QStringLiteral("another session holds the lock; `dbops slow` or the console's Activity tab "
                                       "shows who"));
    else if (containsAny(text, {"canceling statement due to user request"}))
        e = Error::make(ErrorCode::Cancelled, QStringLiteral("cancelled while working on %1").arg(where));
    else if (containsAny(text, {"connection refused", "could not translate host name", "no route to host",
                                "network is unreachable", "could not connect", "no such file or directory"}))
        e = Error::make(ErrorCode::HostUnreachable, QStringLiteral("cannot reach PostgreSQL at %1").arg(where),
                        QStringLiteral("check that the server runs and listens there (host, port, firewall)"));
    else if (containsAny(text, {"server closed the connection", "terminating connection", "no connection to the server",
                                "connection to server", "could not receive data", "could not send data"}))
        e = Error::make(ErrorCode::ConnectFailed, QStringLiteral("lost the connection to %1").arg(where),
                        QStringLiteral("dbops reconnects by itself; check the server if it keeps failing"));
    else if (error.type() == QSqlError::ConnectionError)
        e = Error::make(ErrorCode::ConnectFailed, QStringLiteral("cannot %1 %2").arg(what, where),
                        QStringLiteral("check host, port, user and sslmode"));
    else
        e = Error::make(ErrorCode::QueryFailed, QStringLiteral("cannot %1 %2").arg(what, where));
    e.detail = Redact::text(text.trimmed());
    e.sqlState = error.nativeErrorCode();
    return e;
}

} // namespace

namespace {

// SQLite's rollback-journal header magic, and the byte a writer locks while its transaction is open.
const QByteArray kJournalMagic("\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", 8);
constexpr qint64 kReservedByte = 0x40000001;

// A rollback journal that no live writer owns: the last transaction was cut off and SQLite rolls it back at
// the next read-write open. dbops opens read-only, so it can neither read the store nor must it consume the
// journal (it is evidence).
Error hotJournal(const QString &path)
{
    const QString journal = path + QStringLiteral("-journal");
    const QFileInfo info(journal);
    if (!info.isFile() || info.size() == 0)
        return {};
    if (FileHead::read(journal, kJournalMagic.size()) != kJournalMagic)
        return {}; // zeroed header (journal_mode=PERSIST): nothing to roll back
    if (!FileLocks::holders(path, kReservedByte).isEmpty())
        return {}; // a writer's transaction is open right now: not hot, the usual busy wait applies
    return Error::make(
        ErrorCode::HotJournal,
        QStringLiteral("%1 has a hot rollback journal (%2, %3 bytes): the last write transaction was not finished")
            .arg(path, info.fileName())
            .arg(info.size()),
        QStringLiteral("the bot (or any read-write open) rolls it back on its next start; dbops opens read-only and "
                       "leaves it untouched, so start the bot (or copy both files away first to keep the evidence)"));
}

} // namespace

Error Connector::checkSqliteFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such file: %1").arg(path),
                           QStringLiteral("check the path; dbops never creates a database"));
    if (info.isDir())
        return Error::make(ErrorCode::Usage, QStringLiteral("%1 is a directory, not an SQLite file").arg(path),
                           QStringLiteral("open it as a data directory, or name one .db file in it"));
    if (!info.isReadable())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1: permission denied").arg(path),
                           QStringLiteral("check the file's permissions"));
    if (info.size() == 0)
        return Error::make(ErrorCode::NotSqlite,
                           QStringLiteral("%1 is empty (0 bytes), not an SQLite database").arg(path),
                           QStringLiteral("the bot may not have created it yet; check the path"));
    QString why;
    const QByteArray header = FileHead::read(path, 100, &why); // never drops this process's locks on the file
    if (header.isEmpty())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, why),
                           QStringLiteral("check the file's permissions"));
    if (!header.startsWith(kSqliteMagic))
        return Error::make(ErrorCode::NotSqlite,
                           QStringLiteral("%1 is not an SQLite database (no SQLite header)").arg(path),
                           QStringLiteral("point dbops at the bot's SQLite file"));
    if (header.size() < 100)
        return Error::make(
            ErrorCode::NotSqlite,
            QStringLiteral("%1 is not an SQLite database: truncated header (%2 bytes)").arg(path).arg(info.size()),
            QStringLiteral("the file is damaged or truncated; restore it from a backup"));
    const auto *h = reinterpret_cast<const uchar *>(header.constData());
    qint64 pageSize = qFromBigEndian<quint16>(h + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 pageCount = qFromBigEndian<quint32>(h + 28);
    const bool countValid = qFromBigEndian<quint32>(h + 24) == qFromBigEndian<quint32>(h + 92);
    const qint64 expected = pageSize * pageCount;
    if (Error e = hotJournal(path)) // before the size check: rolling the journal back may restore the size
        return e;
    // Without a WAL the file holds every page the header counts; fewer bytes means it was cut short.
    if (countValid && expected > info.size() && !QFileInfo::exists(path + QStringLiteral("-wal")))
        return Error::make(
            ErrorCode::NotSqlite,
            QStringLiteral("%1 is not a usable SQLite database: truncated (header says %2 bytes, file has %3)")
                .arg(path)
                .arg(expected)
                .arg(info.size()),
            QStringLiteral("the file was cut short (copy or disk full); restore it from a backup"));
    return {};
}

Error Connector::open(const QString &connectionName, const Target &target, const SessionOptions &requested)
{
    // The choke point of incident mode for Qt SQL sessions: an action session is opened read-only all the same,
    // so a write that slipped past IncidentMode::refuse fails at the database.
    SessionOptions options = requested;
    if (options.mode == AccessMode::ReadWrite && IncidentMode::isOn())
        options.mode = AccessMode::ReadOnly;
    Error error;
    switch (target.kind) {
    case Target::Kind::SqliteFile: error = openSqlite(connectionName, target, options); break;
    case Target::Kind::Postgres: error = openPostgres(connectionName, target, options); break;
    case Target::Kind::DataDir:
        error = Error::make(ErrorCode::Usage,
                            QStringLiteral("%1 is a data directory; open one of its stores").arg(target.path));
        break;
    case Target::Kind::None:
        error = Error::make(ErrorCode::Usage, QStringLiteral("no target given"),
                            QStringLiteral("pass --db, or set DATABASE_URL / DB_PATH"));
        break;
    }
    if (error)
        close(connectionName);
    return error;
}

void Connector::close(const QString &connectionName)
{
    if (!QSqlDatabase::contains(connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString Connector::uniqueName(const QString &role)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("dbops-%1-%2").arg(role).arg(++counter);
}

QString Connector::pgLabel(const Target &target)
{
    const PgParams &pg = target.pg;
    if (!pg.service.isEmpty() && pg.host.isEmpty())
        return QStringLiteral("service %1").arg(pg.service);
    QString host = pg.host.isEmpty() ? qEnvironmentVariable("PGHOST") : pg.host;
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    int port = pg.port;
    if (port <= 0)
        port = qEnvironmentVariableIntValue("PGPORT");
    if (port <= 0)
        port = 5432;
    QString db = pg.dbname.isEmpty() ? qEnvironmentVariable("PGDATABASE") : pg.dbname;
    return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(db);
}

Error Connector::classify(const QSqlError &error, const Target &target, const QString &what)
{
    const QString text =
        error.databaseText().isEmpty() ? error.text() : error.databaseText() + QLatin1Char(' ') + error.driverText();
    if (IncidentMode::isOn() && containsAny(text, {"readonly", "read-only"})) {
        Error e = IncidentMode::writeRefused(what, target.isPostgres() ? pgLabel(target) : target.path,
                                             Redact::text(text.trimmed()));
        e.sqlState = error.nativeErrorCode();
        return e;
    }
    if (target.isPostgres())
        return classifyPostgres(error, text, target, what);
    Error e = classifySqlite(text, target, what);
    e.sqlState = error.nativeErrorCode();
    return e;
}

ScopedConnection::ScopedConnection(const Target &target, const SessionOptions &options, const QString &role)
    : m_name(Connector::uniqueName(role))
{
    m_error = Connector::open(m_name, target, options);
}

ScopedConnection::~ScopedConnection() { Connector::close(m_name); }

QSqlDatabase ScopedConnection::db() const { return QSqlDatabase::database(m_name, false); }

} // namespace dbops
