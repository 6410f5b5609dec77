// dbops health: per-table rows and sizes, engine facts and findings (duplicate / unindexed-FK / no-PK /
// no-index, dead tuples, missing-index hint, sequences, xid age, journal mode, freelist, corruption, data age,
// retention), with a Nagios exit code: 0 ok, 1 warn, 2 critical, 3 unreadable.
#include "cliutil.h"
#include "command.h"
#include "connection/profilestore.h"
#include "opsprogress.h"
#include "schema/healthhistory.h"
#include "schema/healthscan.h"
#include "schema/timevalue.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

void printReport(QTextStream &out, const HealthReport &r)
{
    out << "health  " << r.status().toUpper() << "  " << r.engine << ' ' << r.location << '\n';
    out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
               .arg(QStringLiteral("table"), -40)
               .arg(QStringLiteral("rows"), 14)
               .arg(QStringLiteral("table"), 10)
               .arg(QStringLiteral("indexes"), 10)
               .arg(QStringLiteral("total"), 10)
               .arg(QStringLiteral("last write"));
    for (const TableHealth &t : r.tables)
        out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                   .arg(t.name, -40)
                   .arg(t.rows < 0 ? QStringLiteral("?")
                                   : (t.rowsExact ? QString() : QStringLiteral("~")) + QString::number(t.rows),
                        14)
                   .arg(humanBytes(t.tableBytes), 10)
                   .arg(humanBytes(t.indexBytes), 10)
                   .arg(humanBytes(t.bytes()), 10)
                   .arg(t.lastWriteAgeS < 0 ? QString()
                                            : TimeValue::humanAge(t.lastWriteAgeS) + QStringLiteral(" ago"));
    for (const HealthFinding &f : r.findings)
        out << HealthFinding::severityName(f.severity).toUpper() << "  "
            << (f.table.isEmpty() ? QStringLiteral("-") : f.table) << "  " << f.code << "  " << f.message << '\n';
    if (r.findings.isEmpty())
        out << "no findings\n";
}

int run(const QStringList &args)
{
    CommandLine cl(QStringLiteral("health"),
                   QStringLiteral("Table health of a store: rows, table / index sizes, findings with severity, and "
                                  "data age. Exit 0 ok, 1 warn, 2 critical, 3 unreadable."));
    cl.parser().addOption({QStringLiteral("check"),
                           QStringLiteral("SQLite: also run PRAGMA quick_check (quick) or integrity_check (full)."),
                           QStringLiteral("quick|full")});
    cl.parser().addOption({QStringLiteral("quick"),
                           QStringLiteral("SQLite: schema and index findings only, no page scan (sizes, exact rows "
                                          "and data age are skipped).")});
    cl.parser().addOption({QStringLiteral("fk-check"), QStringLiteral("SQLite: also run PRAGMA foreign_key_check.")});
    cl.parser().addOption({QStringLiteral("stale-after"),
                           QStringLiteral("Warn when a table's newest row is older than this (e.g. 15m, 2h)."),
                           QStringLiteral("AGE")});
    cl.parser().addOption({QStringLiteral("retention"),
                           QStringLiteral("Retention policy to check, TABLE:COLUMN:KEEP[:ARCHIVE] (repeatable; the "
                                          "profile's policies are added)."),
                           QStringLiteral("POLICY")});
    cl.parser().addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    cl.parser().addOption({QStringLiteral("record"),
                           QStringLiteral("Append this scan's table sizes to the history the console's growth chart "
                                          "shows (e.g. from cron).")});
    int code = 0;
    if (!cl.parse(args, &code))
        return code;
    HealthOptions options;
    const QString check = cl.parser().value(QStringLiteral("check"));
    if (check == QLatin1String("quick"))
        options.check = HealthOptions::Check::Quick;
    else if (check == QLatin1String("full") || check == QLatin1String("integrity"))
        options.check = HealthOptions::Check::Integrity;
    else if (!check.isEmpty())
        return fail(Error::make(ErrorCode::Usage, QStringLiteral("unknown --check \"%1\"").arg(check),
                                QStringLiteral("use --check quick or --check full")),
                    cl.json());
    options.foreignKeyCheck = cl.parser().isSet(QStringLiteral("fk-check"));
    options.sizes = !cl.parser().isSet(QStringLiteral("quick"));
    if (cl.parser().isSet(QStringLiteral("stale-after"))) {
        options.staleWriteSeconds = TimeValue::parseDuration(cl.parser().value(QStringLiteral("stale-after")));
        if (options.staleWriteSeconds <= 0)
            return fail(Error::make(ErrorCode::Usage, QStringLiteral("bad --stale-after value"),
                                    QStringLiteral("write it like 90s, 15m, 2h or 1d")),
                        cl.json());
    }
    auto detected = cl.target();
    if (!detected)
        return fail(detected.error(), cl.json());
    QStringList policies = cl.parser().values(QStringLiteral("retention"));
    if (!detected->target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(detected->target.profileName))
            policies << profile->retentionPolicies;
    for (const QString &p : policies) {
        auto rule = RetentionRule::parse(p);
        if (!rule)
            return fail(rule.error(), cl.json());
        options.retention << rule.value();
    }
    const OpControl control = progressControl(cl.parser().isSet(QStringLiteral("progress")));
    HealthScanRequest request{detected->target, SessionOptions::monitor(), options, {}};
    if (cl.parser().isSet(QStringLiteral("record")))
        request.historyFile = HealthHistory::fileFor(detected->target);
    auto scan = HealthScan::run(request, control);
    if (!scan)
        return fail(scan.error(), cl.json());
    if (scan->historyError)
        return fail(scan->historyError, cl.json());
    const HealthReport *report = &scan->report;
    if (cl.json()) {
        printJson(report->toJson());
    } else {
        QTextStream out(stdout);
        printReport(out, *report);
    }
    return report->exitCode();
}

const RegisterCommand reg({QStringLiteral("health"),
                           QStringLiteral("table health: rows, sizes, findings (exit 0 ok, 1 warn, 2 critical)"), run});

} // namespace
} // namespace dbops::cli
