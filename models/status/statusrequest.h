#pragma once
// What a status evaluation is asked: the target, how to open it, the pool maxima of its profile, where its
// backups live, and the thresholds each concern is judged by.
#include "activity/pooloptions.h"
#include "connection/profilestore.h"
#include "connection/sessionoptions.h"
#include "connection/target.h"

#include <QDateTime>

namespace dbops {

struct StatusThresholds {
    double statementSeconds = 30;             // a statement (or open transaction) running longer: warning
    double blockedCriticalSeconds = 60;       // a session blocked longer: critical (any blocked session: warning)
    qint64 backupWarnSeconds = 26 * 3600;     // newest verified backup older: warning (a missed daily backup)
    qint64 backupCriticalSeconds = 7 * 86400; // older still: critical
    double protectionWarnLagS = 60;           // a Litestream replica further behind the store's newest write: warning
    double protectionCriticalLagS = 600;      // further still: critical
    qint64 drillWarnSeconds = 7 * 86400;      // newest proven restore (`dbops drill`) older: warning
    qint64 drillCriticalSeconds = 14 * 86400; // older still: critical (profile: drill_warn_days, drill_critical_days)
    double diskWarnPct = 10;                  // free space below this share of the file system: warning
    double diskCriticalPct = 5;               // below this: critical
};

struct StatusRequest {
    Target target;
    SessionOptions session = SessionOptions::monitor();
    PoolOptions pool;   // pool maxima from the profile; active probes stay off (the status only reads)
    QString backupDir;  // empty: Paths::defaultBackupDir()
    QString replicaDir; // the profile's replica= folder: continuous protection is judged from its replica(s)
    StatusThresholds thresholds;
    QDateTime now = QDateTime::currentDateTimeUtc();

    // The request for a target, with its profile's pool maxima when it came from one (ProfileStore default).
    static StatusRequest forTarget(const Target &target, const SessionOptions &session = SessionOptions::monitor());
    static StatusRequest forProfile(const Profile &profile, const SessionOptions &session = SessionOptions::monitor());
};

} // namespace dbops
