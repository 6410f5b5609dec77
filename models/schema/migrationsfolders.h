#pragma once
// Which migrations folder the operator compares a target with, remembered between sessions: in the target's
// saved profile (Profile::migrationsDir, as `dbops migrations` reads it) when it has one, else in the console's
// settings file keyed by the target's display form (a path or a password-free URI; no secrets).
#include "connection/target.h"
#include "core/error.h"

namespace dbops {

class MigrationsFolders {
public:
    // Defaults (resolved at each use): ProfileStore's profiles.ini and Paths::configDir()/console.ini.
    explicit MigrationsFolders(const QString &profilesFile = {}, const QString &settingsFile = {});

    // The remembered folder, or empty.
    QString folderFor(const Target &target) const;
    // Remembers `folder` for the target (empty: forgets it).
    Error remember(const Target &target, const QString &folder) const;

    QString settingsFile() const;

private:
    QString m_profilesFile;
    QString m_settingsFile;
};

} // namespace dbops
