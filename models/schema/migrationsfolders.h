#pragma once
// Which migrations folder a target is compared with, and why. Looked for in this order:
//   1. the one the operator gives (`--dir`, the Migrations tab's field);
//   2. remembered between sessions: in the target's saved profile (Profile::migrationsDir) when it has one,
//      else in the console's settings file keyed by the target's display form (a path or a password-free URI;
//      no secrets);
//   3. where the bot's settings name one (EnvDetector: MIGRATIONS_DIR, settings.json migrations_dir);
//   4. beside a SQLite store, per tool: the first of <store's folder>/migrations, db/migrations, db/migrate,
//      alembic — then the same under the folder above it — that holds that tool's migration files (the demo
//      ships trading/migrations beside trading/trading.db).
#include "connection/envdetector.h"
#include "connection/target.h"
#include "core/error.h"

namespace dbops {

struct MigrationsFolder {
    QString path;   // absolute; empty: none chosen (look beside the store)
    QString source; // "option" | "profile" | "console_settings" | "bot_settings" | "beside_store" (JSON)
    QString why;    // for a person: "--dir", "profile prod-bot", "MIGRATIONS_DIR", "found beside the store"

    MigrationsFolder() = default;
    // A folder the operator gives (source "option").
    MigrationsFolder(const QString &folder); // NOLINT(google-explicit-constructor): a path reads as a choice
    MigrationsFolder(const QString &folder, const QString &source, const QString &why);
    bool isEmpty() const { return path.isEmpty(); }
};

class MigrationsFolders {
public:
    // Defaults (resolved at each use): ProfileStore's profiles.ini and Paths::configDir()/console.ini.
    explicit MigrationsFolders(const QString &profilesFile = {}, const QString &settingsFile = {});

    // The remembered folder, or empty.
    QString folderFor(const Target &target) const;
    // Steps 1-3 above: `given` (the operator's), else the remembered one, else `bot` (EnvDetector's
    // "migrations" origin; empty: none). An empty answer leaves step 4 to the comparison.
    MigrationsFolder choose(const Target &target, const QString &given, const SettingOrigin &bot = {}) const;
    // Step 4 for one store and tool; empty when no candidate holds that tool's files.
    static MigrationsFolder besideStore(const QString &storePath, const QString &tool);
    // Remembers `folder` for the target (empty: forgets it).
    Error remember(const Target &target, const QString &folder) const;

    QString settingsFile() const;

private:
    QString m_profilesFile;
    QString m_settingsFile;
};

} // namespace dbops
