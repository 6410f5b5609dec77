#include "auditfixture.h"

#include "audit/auditlog.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace dbops::test {

bool AuditFixture::exec(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("auditfixture-%1").arg(quintptr(&statements));
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &sql : statements)
            ok = ok && q.exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool AuditFixture::writeUnchainedTrail(const QString &path, int records)
{
    // The layout dbops 0.1 wrote, before the chain's columns.
    QStringList sql{QStringLiteral(
        "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, os_user TEXT NOT NULL, "
        "target TEXT NOT NULL, action TEXT NOT NULL, parameters TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, "
        "detail TEXT NOT NULL DEFAULT '')")};
    for (int i = 1; i <= records; ++i)
        sql << QStringLiteral("INSERT INTO audit (at, os_user, target, action, parameters, outcome, detail) VALUES "
                              "('2026-11-0%1T10:00:00.000Z', 'ops', '/srv/bot/data', 'backup', '--out /b', 'ok', '')")
                   .arg(i % 9 + 1);
    return exec(path, sql);
}

bool AuditFixture::failedScheduledRun(const QString &target, const QString &schedule)
{
    AuditRecord run;
    run.target = target;
    run.action = QStringLiteral("schedule");
    run.parameters = schedule;
    run.outcome = QStringLiteral("failed");
    run.detail = QStringLiteral("backup exit 2 in 120 ms");
    return !AuditLog().append(run);
}

} // namespace dbops::test
