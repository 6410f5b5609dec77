#pragma once
// The saved profiles file as DbWorker file jobs (submit(..., false)): the sidebar's list, save and remove,
// the launcher's resolve of typed text, and the Cleanup tab's retention policies kept in a profile.
//
//   files->submit("read profiles", ProfileJobs::list(file), false);
//   // jobFinished(id, v): v.value<ProfileList>();  jobFailed(id, error)
#include "connection/profilestore.h"
#include "worker/jobcontext.h"

#include <QMetaType>

namespace dbops {

// Profiles read on a worker travel to the GUI thread in this value.
struct ProfileList {
    QList<Profile> profiles;
};

class ProfileJobs {
public:
    // `file`: the profiles file; empty: the default one. Each gives QVariant(ProfileList): every saved profile
    // in name order, after the change.
    static Job list(const QString &file);
    static Job save(const QString &file, const Profile &profile); // or QVariant(Error): an invalid name
    static Job remove(const QString &file, const QString &name);
    // QVariant(Target): a profile name, a path or a connection URI; or QVariant(Error).
    static Job resolve(const QString &file, const QString &text);
    // Keeps `specs` as profile `name`'s retention policies (default profiles file): QVariant(true) or an Error.
    static Job saveRetentionPolicies(const QString &name, const QStringList &specs);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::ProfileList)
