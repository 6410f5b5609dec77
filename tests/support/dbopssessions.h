#pragma once
// The sessions a running `dbops` process opens on one database of the test server, as a separate observer connection
// sees them in pg_stat_activity (application_name dbops…) until the process ends: how many, and how many at once.
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace dbops::test {

struct DbopsSessions {
    QSet<qint64> seen; // backend pids
    qint64 mostAtOnce = 0;
    bool readable = true; // every poll of pg_stat_activity ran

    // Polls on `observer` while `dbops` (started) runs on `dbname`; returns once it has ended.
    static DbopsSessions whileRunning(QProcess &dbops, const QSqlDatabase &observer, const QString &dbname);
};

} // namespace dbops::test
