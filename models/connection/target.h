#pragma once
// What the operator points the console at: one SQLite file, a bot's data directory, or a PostgreSQL database.
// A Target holds connection parameters, never a session; copying it copies parameters.
#include <QMetaType>
#include <QString>

namespace dbops {

struct PgParams {
    QString host;    // empty: libpq default (PGHOST, then the local socket)
    int port = 0;    // 0: libpq default (PGPORT, then 5432)
    QString dbname;  // empty: libpq default (PGDATABASE, then the user name)
    QString user;    // empty: libpq default (PGUSER, then the OS user)
    QString sslmode; // empty: libpq default (PGSSLMODE, then prefer)
    QString service; // pg_service.conf entry
    // A password given inline (URI user-info or conninfo). Kept in memory only: never saved in a profile,
    // never logged, never put on a command line. Empty means libpq finds it (~/.pgpass, PGPASSFILE).
    QString password;

    bool operator==(const PgParams &o) const;
};

struct Target {
    enum class Kind { None, SqliteFile, DataDir, Postgres };

    Kind kind = Kind::None;
    QString path; // SQLite file or data directory (absolute)
    PgParams pg;
    QString profileName; // set when the target came from a saved profile

    bool isValid() const { return kind != Kind::None; }
    bool isSqlite() const { return kind == Kind::SqliteFile || kind == Kind::DataDir; }
    bool isPostgres() const { return kind == Kind::Postgres; }
    // "sqlite" | "postgresql" (a data directory holds SQLite stores).
    QString engine() const;
    // Safe to show and log: a path, or postgresql://user@host:port/db?sslmode=… without the password.
    QString display() const;
    // The name an operator types to confirm a destructive action: file name or database name.
    QString databaseName() const;
    // A URI/path that parses back to this target (no password): what profiles and history store.
    QString toSpec() const;

    static Target sqliteFile(const QString &path);
    static Target dataDir(const QString &path);
    static Target postgres(const PgParams &params);

    bool operator==(const Target &o) const;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::Target)
