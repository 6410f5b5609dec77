#include "probe/profilejobs.h"

namespace dbops {

namespace {
ProfileList readProfiles(const ProfileStore &store)
{
    ProfileList list;
    for (const QString &name : store.names())
        if (auto p = store.find(name))
            list.profiles.append(*p);
    return list;
}
} // namespace

Job ProfileJobs::list(const QString &file)
{
    return [file](JobContext &) { return QVariant::fromValue(readProfiles(ProfileStore(file))); };
}

Job ProfileJobs::save(const QString &file, const Profile &profile)
{
    return [file, profile](JobContext &) -> QVariant {
        ProfileStore store(file);
        if (Error e = store.save(profile))
            return QVariant::fromValue(e);
        return QVariant::fromValue(readProfiles(store));
    };
}

Job ProfileJobs::remove(const QString &file, const QString &name)
{
    return [file, name](JobContext &) {
        ProfileStore store(file);
        store.remove(name);
        return QVariant::fromValue(readProfiles(store));
    };
}

Job ProfileJobs::resolve(const QString &file, const QString &text)
{
    return [file, text](JobContext &) { return jobReply(ProfileStore(file).resolve(text)); };
}

Job ProfileJobs::saveRetentionPolicies(const QString &name, const QStringList &specs)
{
    return [name, specs](JobContext &) -> QVariant {
        ProfileStore profiles;
        auto profile = profiles.find(name);
        if (!profile)
            return QVariant::fromValue(Error::make(ErrorCode::NotFound, QStringLiteral("no profile %1").arg(name)));
        profile->retentionPolicies = specs;
        if (Error e = profiles.save(*profile))
            return QVariant::fromValue(e);
        return QVariant(true);
    };
}

} // namespace dbops
