#include "state/statedb.h"

#include "connection/connector.h"
#include "core/paths.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dbops {

QString StateDb::pathOf(const QString &file) { return file.isEmpty() ? Paths::stateDatabase() : file; }

Error StateDb::with(const QString &file, const QString &role, const QStringList &schema, const FailFn &fail,
                    const WorkFn &work)
{
    const QString name = Connector::uniqueName(role);
    Error result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(pathOf(file));
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            result = fail(Step::Open, db.lastError());
        } else {
            QSqlQuery q(db);
            for (const QString &sql : schema)
                if (!q.exec(sql)) {
                    result = fail(Step::Schema, q.lastError());
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
