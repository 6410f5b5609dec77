#include "schema/migrationsfolders.h"

#include "connection/profilestore.h"
#include "core/paths.h"

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

} // namespace

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
