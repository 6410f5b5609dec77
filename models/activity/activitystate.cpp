#include "activity/activitystate.h"

#include "dialect/sqltext.h"
#include "state/statedb.h"

#include <QSqlError>
#include <QStringList>

namespace dbops {

Error ActivityState::stateError(const QString &file, const QString &what, const QString &detail)
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 in the console's state file %2").arg(what, file),
                       QStringLiteral("check that the XDG state directory is writable"), detail);
}

Error ActivityState::with(const QString &fileArg, const std::function<Error(QSqlDatabase &)> &work)
{
    const QString file = StateDb::pathOf(fileArg);
    const auto fail = [&file](StateDb::Step step, const QSqlError &e) {
        return stateError(
            file, step == StateDb::Step::Open ? QStringLiteral("open") : QStringLiteral("create the activity tables"),
            e.text());
    };
    return StateDb::with(file, QStringLiteral("activity-state"), SqlText::statements(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("activity_state_schema"))),
                         fail, work);
}

} // namespace dbops
