#pragma once
// The console's own state file ($XDG_DATA_HOME/dbops/state.db): the one database dbops creates on purpose.
// Its only owner: the audit trail and the activity history reach it through here, each bringing the tables it
// needs. Opened per call in the calling thread (a worker), so any worker can use it.
#include "core/error.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>
#include <functional>

namespace dbops {

class StateDb {
public:
    enum class Step { Open, Schema }; // what failed before `work` could run
    using FailFn = std::function<Error(Step step, const QSqlError &error)>;
    using WorkFn = std::function<Error(QSqlDatabase &)>;

    // Runs `work` on a fresh connection to `file` (empty: Paths::stateDatabase()) once every `schema`
    // statement has run; `fail` words the error of a failed open or schema statement for its caller.
    static Error with(const QString &file, const QString &role, const QStringList &schema, const FailFn &fail,
                      const WorkFn &work);
    static QString pathOf(const QString &file); // `file`, or Paths::stateDatabase() when empty
};

} // namespace dbops
