#pragma once
// A raw sqlite3 connection owned by one operation in one thread. Backup and restore need what Qt SQL does
// not offer (the backup API, the database file's own handle, progress-handler cancel), so they open their
// own connections on the same system libsqlite3 Qt's QSQLITE plugin uses; there is no Qt handle to share
// and so no version mismatch to check. Cancel: a progress handler polls the token and interrupts.
#include "core/canceltoken.h"
#include "core/expected.h"

#include <QList>
#include <QString>
#include <QVariant>

struct sqlite3;

namespace dbops {

class SqliteHandle {
public:
    enum class Mode {
        ReadOnly,  // never writes; may create the -shm of a WAL database as SQLite does
        Immutable, // a backup file: read-only, no locks, no -wal/-shm created beside it
        ReadWrite, // an existing database (never created)
        Create,    // a new file
    };

    SqliteHandle() = default;
    ~SqliteHandle();
    SqliteHandle(SqliteHandle &&other) noexcept;
    SqliteHandle &operator=(SqliteHandle &&other) noexcept;
    SqliteHandle(const SqliteHandle &) = delete;
    SqliteHandle &operator=(const SqliteHandle &) = delete;

    Error open(const QString &path, Mode mode, int busyTimeoutMs = 5000);
    void close();
    sqlite3 *raw() const { return m_db; }
    const QString &path() const { return m_path; }

    // Closing this connection never checkpoints the WAL nor deletes -wal/-shm, even as the last one (a probe
    // that must leave the store exactly as it found it).
    void keepWalOnClose();

    // Long statements stop with ErrorCode::Cancelled once the token is set.
    void setCancelToken(const CancelToken &token);

    Error exec(const QString &sql);
    // Rows of the first `columns` columns (all when 0); values bound positionally.
    Expected<QList<QVariantList>> query(const QString &sql, const QVariantList &binds = {});
    Expected<QVariant> scalar(const QString &sql, const QVariantList &binds = {});

    // Turns an SQLite result code into an operator-facing Error naming the file. SQLite's own words go to
    // `detail` and, with the statement (`sql`), to the debug log: never into the message.
    Error error(int rc, const QString &what, const QString &sql = {}) const;
    static QString libraryVersion();
    static QString quoteIdentifier(const QString &name);

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    CancelToken m_token;
    bool m_hasToken = false;
};

} // namespace dbops
