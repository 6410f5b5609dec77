#pragma once
// The console's own state file (Paths::stateDatabase()) as the activity views use it: metric history and
// statement baselines. Opened per call in the calling thread, tables created on first use.
#include "core/error.h"

#include <QSqlDatabase>
#include <functional>

namespace dbops {

class ActivityState {
public:
    // Runs `work` on a connection to `file` (default: Paths::stateDatabase()) with the activity tables present.
    static Error with(const QString &file, const std::function<Error(QSqlDatabase &)> &work);
    static Error stateError(const QString &file, const QString &what, const QString &detail);
};

} // namespace dbops
