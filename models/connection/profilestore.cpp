#include "connection/profilestore.h"

#include "connection/targetparser.h"
#include "core/paths.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace dbops {

namespace {

// Keys of one profile group. There is deliberately no password key: save() never writes one and load()
// never reads one.
const QString KindKey = QStringLiteral("kind");
const QString PathKey = QStringLiteral("path");
const QString HostKey = QStringLiteral("host");
const QString PortKey = QStringLiteral("port");
const QString DbnameKey = QStringLiteral("dbname");
const QString UserKey = QStringLiteral("user");
const QString SslmodeKey = QStringLiteral("sslmode");
const QString ServiceKey = QStringLiteral("service");
const QString SettingsJsonKey = QStringLiteral("settings_json");
const QString MigrationsDirKey = QStringLiteral("migrations_dir");
const QString PoolMaximaKey = QStringLiteral("pool_maxima");
const QString RetentionKey = QStringLiteral("retention_policies");
const QString ReadOnlyKey = QStringLiteral("read_only");
const QString KeychainKey = QStringLiteral("keychain"); // whether to use the secret service; never a secret itself
const QString ReplicaKey = QStringLiteral("replica");
const QString SpecKey = QStringLiteral("spec"); // informative only, for a human reading the file

// The keys save() writes. Saving replaces them and keeps the rest of the group: keys other parts of dbops read
// from the same profile (drill_probe=, drill_warn_days=, stanza=, pgbackrest_config=) or the operator added.
bool ownedKey(const QString &key)
{
    static const QStringList owned{KindKey,         PathKey,          HostKey,       PortKey,
                                   DbnameKey,       UserKey,          SslmodeKey,    ServiceKey,
                                   SettingsJsonKey, MigrationsDirKey, PoolMaximaKey, RetentionKey,
                                   ReadOnlyKey,     KeychainKey,      ReplicaKey,    SpecKey};
    return owned.contains(key);
}

constexpr int MaxNameLength = 64;

QString kindName(Target::Kind kind)
{
    switch (kind) {
    case Target::Kind::SqliteFile: return QStringLiteral("sqlite_file");
    case Target::Kind::DataDir: return QStringLiteral("data_dir");
    case Target::Kind::Postgres: return QStringLiteral("postgres");
    case Target::Kind::None: break;
    }
    return {};
}

Target::Kind kindFromName(const QString &name)
{
    if (name == QLatin1String("sqlite_file"))
        return Target::Kind::SqliteFile;
    if (name == QLatin1String("data_dir"))
        return Target::Kind::DataDir;
    if (name == QLatin1String("postgres"))
        return Target::Kind::Postgres;
    return Target::Kind::None;
}

// Letters, digits, '_' and '-': what TargetParser reads as a profile name, and safe as an INI group
// ('/' would nest groups).
bool isValidName(const QString &name)
{
    return name.size() <= MaxNameLength && TargetParser::looksLikeProfileName(name);
}

Target readTarget(const QSettings &settings)
{
    Target target;
    target.kind = kindFromName(settings.value(KindKey).toString());
    target.path = settings.value(PathKey).toString();
    target.pg.host = settings.value(HostKey).toString();
    target.pg.port = settings.value(PortKey, 0).toInt();
    target.pg.dbname = settings.value(DbnameKey).toString();
    target.pg.user = settings.value(UserKey).toString();
    target.pg.sslmode = settings.value(SslmodeKey).toString();
    target.pg.service = settings.value(ServiceKey).toString();
    return target;
}

void writeTarget(QSettings &settings, const Target &target)
{
    settings.setValue(KindKey, kindName(target.kind));
    settings.setValue(SpecKey, target.toSpec());
    if (target.isSqlite()) {
        settings.setValue(PathKey, target.path);
        return;
    }
    const auto setIf = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            settings.setValue(key, value);
    };
    setIf(HostKey, target.pg.host);
    if (target.pg.port > 0)
        settings.setValue(PortKey, target.pg.port);
    setIf(DbnameKey, target.pg.dbname);
    setIf(UserKey, target.pg.user);
    setIf(SslmodeKey, target.pg.sslmode);
    setIf(ServiceKey, target.pg.service);
    // target.pg.password: never written (see profilestore.h).
}

// Pool maxima as "application_name=N" entries: application names may hold characters INI keys cannot.
QStringList poolMaximaToList(const QMap<QString, int> &maxima)
{
    QStringList list;
    for (auto it = maxima.cbegin(); it != maxima.cend(); ++it)
        list << it.key() + QLatin1Char('=') + QString::number(it.value());
    return list;
}

QMap<QString, int> poolMaximaFromList(const QStringList &list)
{
    QMap<QString, int> maxima;
    for (const QString &entry : list) {
        const int eq = entry.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const int value = entry.mid(eq + 1).toInt(&ok);
        if (eq > 0 && ok)
            maxima.insert(entry.left(eq), value);
    }
    return maxima;
}

} // namespace

ProfileStore::ProfileStore(const QString &file)
    : m_file(file.isEmpty() ? Paths::configDir() + QStringLiteral("/profiles.ini") : file)
{}

QStringList ProfileStore::names() const
{
    QSettings settings(m_file, QSettings::IniFormat);
    QStringList names;
    for (const QString &group : settings.childGroups()) {
        if (isValidName(group) && settings.contains(group + QLatin1Char('/') + KindKey))
            names << group;
    }
    names.sort();
    return names;
}

std::optional<Profile> ProfileStore::find(const QString &name) const
{
    if (!isValidName(name))
        return std::nullopt;
    QSettings settings(m_file, QSettings::IniFormat);
    if (!settings.childGroups().contains(name))
        return std::nullopt;
    settings.beginGroup(name);
    Profile profile;
    profile.name = name;
    profile.target = readTarget(settings);
    if (!profile.target.isValid())
        return std::nullopt;
    profile.target.profileName = name;
    profile.settingsJson = settings.value(SettingsJsonKey).toString();
    profile.migrationsDir = settings.value(MigrationsDirKey).toString();
    profile.poolMaxima = poolMaximaFromList(settings.value(PoolMaximaKey).toStringList());
    profile.retentionPolicies = settings.value(RetentionKey).toStringList();
    profile.readOnly = settings.value(ReadOnlyKey, false).toBool();
    profile.keychain = settings.value(KeychainKey, false).toBool();
    profile.replicaDir = settings.value(ReplicaKey).toString();
    return profile;
}

Error ProfileStore::save(const Profile &profile)
{
    if (!isValidName(profile.name))
        return Error::make(ErrorCode::Usage, QStringLiteral("\"%1\" is not a valid profile name").arg(profile.name),
                           QStringLiteral("use 1-%1 letters, digits, '_' or '-'").arg(MaxNameLength));
    if (!profile.target.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("profile \"%1\" has no target").arg(profile.name),
                           QStringLiteral("give a SQLite path, data directory or PostgreSQL URI"));
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSettings settings(m_file, QSettings::IniFormat);
    settings.beginGroup(profile.name);
    for (const QString &key : settings.childKeys())
        if (ownedKey(key))
            settings.remove(key); // no stale keys from an earlier version of this profile
    writeTarget(settings, profile.target);
    if (!profile.settingsJson.isEmpty())
        settings.setValue(SettingsJsonKey, profile.settingsJson);
    if (!profile.migrationsDir.isEmpty())
        settings.setValue(MigrationsDirKey, profile.migrationsDir);
    if (!profile.poolMaxima.isEmpty())
        settings.setValue(PoolMaximaKey, poolMaximaToList(profile.poolMaxima));
    if (!profile.retentionPolicies.isEmpty())
        settings.setValue(RetentionKey, profile.retentionPolicies);
    if (profile.readOnly)
        settings.setValue(ReadOnlyKey, true);
    if (profile.keychain)
        settings.setValue(KeychainKey, true);
    if (!profile.replicaDir.isEmpty())
        settings.setValue(ReplicaKey, profile.replicaDir);
    settings.endGroup();
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write profiles file %1").arg(m_file),
                           QStringLiteral("check that its folder is writable"));
    return {};
}

bool ProfileStore::remove(const QString &name)
{
    if (!isValidName(name))
        return false;
    QSettings settings(m_file, QSettings::IniFormat);
    if (!settings.childGroups().contains(name))
        return false;
    settings.remove(name);
    settings.sync();
    return settings.status() == QSettings::NoError;
}

QString ProfileStore::replicaOf(const Target &target) const
{
    if (target.profileName.isEmpty())
        return {};
    const auto profile = find(target.profileName);
    return profile ? profile->replicaDir : QString();
}

Expected<Target> ProfileStore::resolve(const QString &text) const
{
    const QString word = text.trimmed();
    if (const auto profile = find(word))
        return profile->target;
    if (!TargetParser::looksLikeProfileName(word) || QFileInfo::exists(word))
        return TargetParser::parse(word);
    const QStringList saved = names();
    const QString hint =
        saved.isEmpty()
            ? QStringLiteral("no profiles are saved in %1; give a path or URI").arg(m_file)
            : QStringLiteral("saved profiles: %1; or give a path or URI").arg(saved.join(QStringLiteral(", ")));
    return Error::make(ErrorCode::Usage, QStringLiteral("no saved profile named \"%1\"").arg(word), hint);
}

} // namespace dbops
