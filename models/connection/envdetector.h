#pragma once
// Finds the bot's store from the bot's environment, in the order the bots themselves use (seeds 000, 001, 003).
// The engine:
//   1. DATABASE_TYPE, else DB_TYPE  ("sqlite" | "postgres" | "postgresql", any case; anything else is a Usage
//      error naming the variable). DATABASE_TYPE wins; a disagreeing DB_TYPE is a warning.
//   2. DATABASE_URL's scheme        (postgresql:// postgres:// sqlite:///; another scheme is a Usage error)
//   3. settings.json the operator points at: database_type / db_type / database.type, else the scheme of
//      database_url / database.url
//   4. sqlite
// Then the parameters of that engine, first found wins:
//   sqlite     DATABASE_URL (sqlite:///abs) → settings.json database_url / database.url (sqlite) →
//              settings.json db_path / database.path → DB_PATH → default data/trading.db.
//              Relative paths resolve against baseDir; a directory becomes a DataDir target.
//   postgresql DATABASE_URL → settings.json database_url / database.url → settings.json "database" fields
//              {host, port, name|dbname, user, sslmode, service, password}; then, as libpq does for the bot,
//              PGSERVICE and PGPASSWORD, and, unless a service is named (pg_service.conf comes first),
//              PGHOST PGPORT PGDATABASE PGUSER PGSSLMODE fill what is still unset.
// The bot's migrations folder, when its settings name one: MIGRATIONS_DIR, else settings.json migrations_dir /
// migrations_path / database.migrations_dir (relative to baseDir); listed as the origin "migrations".
// The type variable selects the engine, as the bots do: a DATABASE_URL (or settings url) of the other engine
// is ignored with a warning, never followed. Empty variables count as unset.
// Every value carries where it came from, so the GUI can show it; values are redacted (a password shows as
// "***"). A password found (URL user-info, PGPASSWORD, database.password) is kept in Target::pg only.
#include "connection/target.h"
#include "core/expected.h"

#include <QList>
#include <QProcessEnvironment>

namespace dbops {

struct SettingOrigin {
    // "engine", "path" (sqlite), "migrations" (when the bot names its migrations folder); "url", "host", "port",
    // "dbname", "user", "sslmode", "service", "password" (postgresql: host…sslmode always listed,
    // "url"/"service"/"password" when set)
    QString setting;
    QString value;  // redacted: "***" for a password; empty when a libpq default applies
    QString source; // "DATABASE_TYPE", "DATABASE_URL", "settings.json (/path) database.url", "PGHOST",
                    // "default", "libpq default", "pg_service.conf [name], else libpq default"
};

struct DetectedTarget {
    Target target;
    QList<SettingOrigin> origins;
    QStringList warnings; // e.g. "DB_TYPE selects postgresql but DATABASE_URL is not a postgresql URL: ignoring
                          // DATABASE_URL"
};

class EnvDetector {
public:
    // `baseDir` is the bot's working directory (relative DB_PATH resolves against it); `settingsJson` may be
    // empty. Returns a Usage error only for unusable input (malformed URL, unreadable settings.json, unknown
    // DB_TYPE value); an absent store is not an error here (opening it says "no such file").
    static Expected<DetectedTarget> detect(const QProcessEnvironment &env, const QString &baseDir,
                                           const QString &settingsJson = {});
    // Only the migrations folder the bot's settings name (see above): an origin whose value is the absolute
    // folder, or an empty origin when none is named.
    static Expected<SettingOrigin> migrationsDir(const QProcessEnvironment &env, const QString &baseDir,
                                                 const QString &settingsJson = {});
};

} // namespace dbops
