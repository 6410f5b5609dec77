#include "activity/activitystate.h"

#include "connection/connector.h"
#include "core/paths.h"
#include "dialect/sqltext.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace dbops {

Error ActivityState::stateError(const QString &file, const QString &what, const QString &detail)
{
    return Error::make(ErrorCode::Io, QStringLiteral("cannot %1 in the console's state file %2").arg(what, file),
                       QStringLiteral("check that the XDG state directory is writable"), detail);
}

Error ActivityState::with(const QString &fileArg, const std::function<Error(QSqlDatabase &)> &work)
{
    const QString file = fileArg.isEmpty() ? Paths::stateDatabase() : fileArg;
    const QString name = Connector::uniqueName(QStringLiteral("activity-state"));
    Error result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            result = stateError(file, QStringLiteral("open"), db.lastError().text());
        } else {
            QSqlQuery q(db);
            for (const QString &sql :
                 SqlText::statements(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("activity_state_schema"))))
                if (!q.exec(sql)) {
                    result = stateError(file, QStringLiteral("create the activity tables"), q.lastError().text());
                    break;
                }
            if (!result)
                result = work(db);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace dbops
