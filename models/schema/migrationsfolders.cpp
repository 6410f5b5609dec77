#include "schema/migrationsfolders.h"

#include "connection/profilestore.h"
#include "core/paths.h"
#include "schema/migrationfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace dbops {

namespace {

const QString kGroup = QStringLiteral("migrations_dirs");

// A display form holds '/' (a group separator to QSettings) and ':' — percent-encode it into one key.
QString keyFor(const Target &target)
{
    return kGroup + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(target.display()));
}

// Where bots keep migration files relative to the folder of their store (or the folder above it).
const char *const kBesideStore[] = {"migrations", "db/migrations", "db/migrate", "alembic"};

} // namespace

MigrationsFolder::MigrationsFolder(const QString &folder)
    : path(folder.isEmpty() ? QString() : QDir(folder).absolutePath()),
      source(folder.isEmpty() ? QString() : QStringLiteral("option")),
      why(folder.isEmpty() ? QString() : QStringLiteral("given"))
{}

MigrationsFolder::MigrationsFolder(const QString &folder, const QString &source, const QString &why)
    : path(QDir(folder).absolutePath()), source(source), why(why)
{}

MigrationsFolders::MigrationsFolders(const QString &profilesFile, const QString &settingsFile)
    : m_profilesFile(profilesFile), m_settingsFile(settingsFile)
{}

QString MigrationsFolders::settingsFile() const
{
    return m_settingsFile.isEmpty() ? Paths::configDir() + QStringLiteral("/console.ini") : m_settingsFile;
}

QString MigrationsFolders::folderFor(const Target &target) const
{
    if (!target.isValid())
        return {};
    if (!target.profileName.isEmpty())
        if (const auto profile = ProfileStore(m_profilesFile).find(target.profileName);
            profile && !profile->migrationsDir.isEmpty())
            return profile->migrationsDir;
    // Also for a profile saved after the folder was chosen for its (then unsaved) target.
    return QSettings(settingsFile(), QSettings::IniFormat).value(keyFor(target)).toString();
}

MigrationsFolder MigrationsFolders::choose(const Target &target, const QString &given, const SettingOrigin &bot) const
{
    if (!given.isEmpty())
        return {given, QStringLiteral("option"), QStringLiteral("given")};
    if (!target.profileName.isEmpty())
        if (const auto profile = ProfileStore(m_profilesFile).find(target.profileName);
            profile && !profile->migrationsDir.isEmpty())
            return {profile->migrationsDir, QStringLiteral("profile"),
                    QStringLiteral("saved in profile %1").arg(target.profileName)};
    if (const QString remembered = folderFor(target); !remembered.isEmpty())
        return {remembered, QStringLiteral("console_settings"), QStringLiteral("remembered by the console")};
    if (!bot.value.isEmpty())
        return {bot.value, QStringLiteral("bot_settings"), QStringLiteral("named by the bot's %1").arg(bot.source)};
    return {};
}

MigrationsFolder MigrationsFolders::besideStore(const QString &storePath, const QString &tool)
{
    const QDir storeDir = QFileInfo(storePath).absoluteDir();
    QStringList bases{storeDir.absolutePath()};
    if (QDir up = storeDir; up.cdUp())
        bases << up.absolutePath();
    for (const QString &base : bases)
        for (const char *candidate : kBesideStore) {
            const QString folder = QDir(base).filePath(QLatin1String(candidate));
            if (QFileInfo(folder).isDir() && !MigrationFiles::scan(folder, tool).isEmpty())
                return {folder, QStringLiteral("beside_store"), QStringLiteral("found beside the store")};
        }
    return {};
}

Error MigrationsFolders::remember(const Target &target, const QString &folder) const
{
    if (!target.isValid())
        return {};
    bool inProfile = false;
    if (!target.profileName.isEmpty()) {
        ProfileStore profiles(m_profilesFile);
        if (auto profile = profiles.find(target.profileName)) {
            profile->migrationsDir = folder;
            if (Error e = profiles.save(profile.value()))
                return e;
            inProfile = true;
        }
    }
    QSettings settings(settingsFile(), QSettings::IniFormat);
    if (folder.isEmpty() || inProfile)
        settings.remove(keyFor(target)); // the profile's entry wins: no older one to come back
    else
        settings.setValue(keyFor(target), folder);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot write the console's settings file %1").arg(settingsFile()),
                           QStringLiteral("check that its folder is writable"));
    return {};
}

} // namespace dbops
