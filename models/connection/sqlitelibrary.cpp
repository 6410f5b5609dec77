#include "connection/sqlitelibrary.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace dbops {

SqliteLibraryCheck SqliteLibraryCheck::run()
{
    SqliteLibraryCheck check;
    check.linkedVersion = QString::fromLatin1(sqlite3_libversion());
    check.forcedVacuum = qEnvironmentVariable("DBOPS_SQLITE_BACKUP_METHOD") == QLatin1String("vacuum");
    QString qtSource;
    {
        const QString name = Connector::uniqueName(QStringLiteral("sqlite-version"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QStringLiteral(":memory:"));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(SqlText::sqlite("common", "library_version")) && q.next()) {
                    check.qtVersion = q.value(0).toString();
                    qtSource = q.value(1).toString();
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    const QString linkedSource = QString::fromLatin1(sqlite3_sourceid());
    check.agree = !check.qtVersion.isEmpty() && check.qtVersion == check.linkedVersion && qtSource == linkedSource;
    if (check.qtVersion.isEmpty())
        check.note = QStringLiteral("Qt's QSQLITE plugin is not available");
    else if (!check.agree)
        check.note = QStringLiteral("Qt's QSQLITE plugin uses SQLite %1, dbops links SQLite %2: using VACUUM INTO")
                         .arg(check.qtVersion, check.linkedVersion);
    else if (check.forcedVacuum)
        check.note = QStringLiteral("DBOPS_SQLITE_BACKUP_METHOD=vacuum: using VACUUM INTO");
    if (!check.note.isEmpty())
        spdlog::warn("sqlite backup: {}", check.note.toStdString());
    return check;
}

const SqliteLibraryCheck &SqliteLibraryCheck::result()
{
    static const SqliteLibraryCheck check = run();
    return check;
}

} // namespace dbops
