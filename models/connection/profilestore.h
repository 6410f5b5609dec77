#pragma once
// Saved targets ("profiles") in $XDG_CONFIG_HOME/dbops/profiles.ini. A password is never written: Target's
// password is dropped on save; libpq's ~/.pgpass / PGPASSFILE, or a prompt, supply it at connect time.
#include "connection/target.h"
#include "core/expected.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace dbops {

struct Profile {
    QString name;
    Target target;
    QString settingsJson;          // bot settings.json for env detection, optional
    QString migrationsDir;         // remembered per profile (migrations issue)
    QMap<QString, int> poolMaxima; // application_name -> configured pool maximum (e.g. trading_bot=100)
    QStringList retentionPolicies; // TABLE:COLUMN:KEEP[:ARCHIVE]
    bool readOnly = false;         // read_only=true: opening this profile puts dbops in incident mode
    bool keychain = false;         // keychain=true: a typed password may be kept in the desktop's secret service
    QString replicaDir;            // replica=: the store's Litestream replica folder (backups, restore --at, protect)
};

class ProfileStore {
public:
    explicit ProfileStore(const QString &file = {}); // default: Paths::configDir()/profiles.ini
    QStringList names() const;
    std::optional<Profile> find(const QString &name) const;
    Error save(const Profile &profile); // Usage error for an empty or invalid name
    bool remove(const QString &name);
    QString file() const { return m_file; }

    // CLI/GUI entry point: a profile name, else TargetParser::parse(text). Sets Target::profileName.
    Expected<Target> resolve(const QString &text) const;
    // The replica folder (replica=) of the profile `target` was resolved from; empty when it came from no profile
    // or its profile keeps none.
    QString replicaOf(const Target &target) const;

private:
    QString m_file;
};

} // namespace dbops
