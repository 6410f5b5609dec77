// The PostgreSQL half of a restore drill: the archive's SHA-256 against the manifest, then PgScratchCheck
// restores it into a new scratch database on the store's server (one transaction, --exit-on-error: every row,
// index and constraint re-created) and counts the manifest's tables there; the foreign keys and the probes are
// checked in the scratch database before PgScratchCheck drops it. Only the scratch database is written.
#include "connection/connector.h"
#include "core/format.h"
#include "dialect/sqltext.h"
#include "ops/backupverifier.h"
#include "ops/drillsteps.h"
#include "ops/pgscratchcheck.h"
#include "ops/sha256.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace dbops::drill {
namespace {

SessionOptions unlimited()
{
    SessionOptions options = SessionOptions::action();
    options.statementTimeoutMs = 0; // a probe over a large table may take its time
    return options;
}

void checkForeignKeys(DrillResult &r, QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::postgresql("drill", "foreign_keys")) || !q.next()) {
        r.add(QStringLiteral("foreign_keys"), false, q.lastError().text());
        return;
    }
    const qint64 all = q.value(0).toLongLong();
    const qint64 notValid = q.value(1).toLongLong();
    QString detail = QStringLiteral("%1 foreign key(s) re-created and checked by the restore").arg(all - notValid);
    if (notValid > 0)
        detail += QStringLiteral("; %1 marked NOT VALID (unchecked, as in the source)").arg(notValid);
    r.add(QStringLiteral("foreign_keys"), true, detail);
}

void runProbes(DrillResult &r, QSqlDatabase db, const QStringList &probes)
{
    for (int i = 0; i < probes.size(); ++i) {
        QSqlQuery q(db);
        QList<QVariantList> rows;
        const bool ran = q.exec(SqlText::marked(probes[i]));
        if (ran && q.next()) {
            QVariantList row;
            for (int c = 0; c < q.record().count(); ++c)
                row << q.value(c);
            rows << row;
        }
        addProbe(r, i, probes[i], rows, ran ? QString() : q.lastError().databaseText());
    }
}

// Whether the scratch database is still on the server (PgScratchCheck drops it; a failed drop says so too).
bool stillThere(const Target &server, const QString &name)
{
    Target maintenance = server;
    maintenance.pg.dbname = QStringLiteral("postgres");
    ScopedConnection conn(maintenance, SessionOptions::monitor(), QStringLiteral("drill-cleanup"));
    if (!conn.ok())
        return true;
    QSqlQuery q(conn.db());
    q.prepare(SqlText::get(QStringLiteral("postgresql"), QStringLiteral("restore_database_exists")));
    q.addBindValue(name);
    return !q.exec() || !q.next() || q.value(0).toLongLong() > 0;
}

} // namespace

Error runPostgres(DrillResult &r, const DrillRequest &request, const OpControl &control)
{
    if (!request.target.isPostgres())
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is a PostgreSQL backup: its drill restores into a scratch database on a "
                                          "PostgreSQL server")
                               .arg(r.backup),
                           QStringLiteral("name the server's database with --db"));
    auto sha = Sha256::ofFile(r.backup, control);
    if (!sha)
        return sha.error();
    const bool sameBytes = sha.value() == r.manifest.sha256;
    r.add(QStringLiteral("checksum"), sameBytes,
          sameBytes
              ? QStringLiteral("SHA-256 equal to the manifest's")
              : QStringLiteral("the file's SHA-256 is %1, the manifest says %2").arg(sha.value(), r.manifest.sha256));
    if (!sameBytes)
        return {};
    VerifyReport report;
    report.path = r.backup;
    report.hasManifest = true;
    report.manifest = r.manifest;
    bool restored = false;
    const auto inspect = [&](const Target &scratch, qint64 restoreMs) {
        restored = true;
        r.scratch = scratch.pg.dbname;
        r.restoreMs = restoreMs;
        r.tables = report.tables;
        ScopedConnection conn(scratch, unlimited(), QStringLiteral("drill-checks"));
        if (!conn.ok()) {
            r.add(QStringLiteral("foreign_keys"), false, conn.error().oneLine());
            return;
        }
        checkForeignKeys(r, conn.db());
        runProbes(r, conn.db(), request.probes);
    };
    if (Error e = PgScratchCheck::run(report, request.target, control, inspect))
        return e;
    if (control.cancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("the drill of %1 was cancelled").arg(r.backup));
    if (!restored) {
        r.add(QStringLiteral("restore"), false, report.problems.join(QStringLiteral("; ")));
    } else {
        // Its checks ran in the scratch database before the drop: restore first, as it happened.
        r.checks.prepend(DrillCheck{QStringLiteral("integrity"), true,
                                    QStringLiteral("pg_restore completed in one transaction, stopping at any error")});
        r.checks.prepend(
            DrillCheck{QStringLiteral("restore"), true,
                       QStringLiteral("%1 restored in %2")
                           .arg(Format::bytes(r.manifest.bytes), Format::milliseconds(double(r.restoreMs)))});
        compareCounts(r);
    }
    r.scratchRemoved = !r.scratch.isEmpty() && !stillThere(request.target, r.scratch);
    if (restored && !r.scratchRemoved)
        r.add(QStringLiteral("cleanup"), false,
              QStringLiteral("the scratch database %1 is still there").arg(r.scratch));
    return {};
}

} // namespace dbops::drill
