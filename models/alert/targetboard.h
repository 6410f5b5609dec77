#pragma once
// The status board of one target as every front end shows it — `dbops status` (one target or --all), the console's
// Overview and target sidebar, `dbops watch`: the status rows judged with the profile's alert_* thresholds
// (AlertSettings), plus the `schedules` row of the target's scheduled jobs. One definition, so a profile never reads
// green in one place and red in another.
//
//   StatusBoard b = TargetBoard::evaluate(TargetBoard::forTarget(target));   // calling thread (reads the profile)
#include "status/statuscheck.h"
#include "status/statusrequest.h"
#include "status/statusschedulerules.h"

#include <QSqlDatabase>

namespace dbops {

struct BoardRequest {
    StatusRequest status;       // with the profile's alert thresholds applied
    qint64 scheduleGraceS = 60; // alert_schedule_grace_seconds
    bool schedules = true;      // read the target's schedules (unit files; systemctl only when it has some)
};

class TargetBoard {
public:
    // The request for a target (its profile, when it came from one, read from ProfileStore's default file).
    static BoardRequest forTarget(const Target &target, const SessionOptions &session = SessionOptions::monitor());
    // The request for a saved profile of `profilesFile` (empty: the default file).
    static BoardRequest forProfile(const Profile &profile, const QString &profilesFile = {});
    // In the calling thread; PostgreSQL on `db` when given (StatusEvaluator::evaluate).
    static StatusBoard evaluate(const BoardRequest &request, const QSqlDatabase &db = {});
    // The schedules of a target (its profile name, or its spec) as the rule judges them (user units, and system
    // units when readable).
    static QList<ScheduleFact> schedulesOf(const QString &profile, const QString &target);
};

} // namespace dbops
