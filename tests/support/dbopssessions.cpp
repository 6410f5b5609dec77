#include "dbopssessions.h"

#include <QSqlQuery>

#include <algorithm>

namespace dbops::test {

DbopsSessions DbopsSessions::whileRunning(QProcess &dbops, const QSqlDatabase &observer, const QString &dbname)
{
    DbopsSessions s;
    while (dbops.state() != QProcess::NotRunning) {
        QSqlQuery q(observer);
        q.prepare(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'dbops%' AND "
                                 "datname = ?"));
        q.addBindValue(dbname);
        s.readable = s.readable && q.exec();
        qint64 now = 0;
        while (q.next()) {
            s.seen.insert(q.value(0).toLongLong());
            ++now;
        }
        s.mostAtOnce = std::max(s.mostAtOnce, now);
        dbops.waitForFinished(5);
    }
    return s;
}

} // namespace dbops::test
