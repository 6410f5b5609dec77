#pragma once
// Finds the bot's store from the bot's environment, in the order the bots themselves use (seeds 000, 001, 003):
//   1. DATABASE_TYPE / DB_TYPE      ("sqlite" | "postgres" | "postgresql"): picks the engine
//   2. DATABASE_URL                 (postgresql://… or sqlite:///…)
//   3. settings.json the operator points at (keys: database_type/db_type, database_url, db_path, and a
//      nested "database": {type,url,path,host,port,name,user,sslmode} object)
//   4. SQLite at DB_PATH, default data/trading.db relative to the bot's working directory
// With engine postgres and no URL, libpq's PG* variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE,
// PGSERVICE) fill the target. Every value carries where it came from, so the GUI can show it.
#include "connection/target.h"
#include "core/expected.h"

#include <QList>
#include <QProcessEnvironment>

namespace dbops {

struct SettingOrigin {
    QString setting; // "engine", "url", "path", "host", "port", "dbname", "user", "sslmode", "service"
    QString value;   // redacted (no password)
    QString source;  // "DATABASE_TYPE", "DATABASE_URL", "settings.json (/path) database.url", "PGHOST", "default"
};

struct DetectedTarget {
    Target target;
    QList<SettingOrigin> origins;
    QStringList warnings; // e.g. "DB_TYPE=postgres but DATABASE_URL is a sqlite URL: using DATABASE_URL"
};

class EnvDetector {
public:
    // `baseDir` is the bot's working directory (relative DB_PATH resolves against it); `settingsJson` may be
    // empty. Returns a Usage error only for unusable input (malformed URL, unreadable settings.json, unknown
    // DB_TYPE value); an absent store is not an error here (opening it says "no such file").
    static Expected<DetectedTarget> detect(const QProcessEnvironment &env, const QString &baseDir,
                                           const QString &settingsJson = {});
};

} // namespace dbops
