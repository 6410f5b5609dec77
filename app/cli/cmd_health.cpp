// dbops health: per-table rows and sizes, engine facts and findings (duplicate / unindexed-FK / no-PK /
// no-index, dead tuples, missing-index hint, sequences, xid age, journal mode, freelist, corruption, data age,
// retention), with a Nagios exit code: 0 ok, 1 warn, 2 critical, 3 unreadable.
#include "cliutil.h"
#include "command.h"
#include "connection/profilestore.h"
#include "core/format.h"
#include "core/printable.h"
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
                   .arg(Printable::name(t.name), -40)
                   .arg(t.rows < 0 ? QStringLiteral("?")
                                   : (t.rowsExact ? QString() : QStringLiteral("~")) + Format::count(t.rows),
                        14)
                   .arg(Format::bytes(t.tableBytes), 10)
                   .arg(Format::bytes(t.indexBytes), 10)
                   .arg(Format::bytes(t.bytes()), 10)
                   .arg(t.lastWriteAgeS < 0 ? QString() : Format::duration(t.lastWriteAgeS) + QStringLiteral(" ago"));
    for (const HealthFinding &f : r.findings)
        out << HealthFinding::severityName(f.severity).toUpper() << "  "
            << (f.table.isEmpty() ? QStringLiteral("-") : Printable::name(f.table)) << "  " << f.code << "  "
            << Printable::name(f.message) << '\n';
    if (r.findings.isEmpty())
        out << "no findings\n";
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("check"),
                 QStringLiteral("SQLite: also run PRAGMA quick_check (quick) or integrity_check (full)."),
                 QStringLiteral("quick|full")});
    p.addOption({QStringLiteral("quick"), QStringLiteral("SQLite: schema and index findings only, no page scan (sizes, "
                                                         "exact rows and data age are skipped).")});
    p.addOption({QStringLiteral("fk-check"), QStringLiteral("SQLite: also run PRAGMA foreign_key_check.")});
    p.addOption({QStringLiteral("stale-after"),
                 QStringLiteral("Warn when a table's newest row is older than this (e.g. 15m, 2h)."),
                 QStringLiteral("AGE")});
    p.addOption({QStringLiteral("retention"),
                 QStringLiteral("Retention policy to check, TABLE:COLUMN:KEEP[:ARCHIVE] (repeatable; the profile's "
                                "policies are added)."),
                 QStringLiteral("POLICY")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    p.addOption({QStringLiteral("record"), QStringLiteral("Append this scan's table sizes to the history the console's "
                                                          "growth chart shows (e.g. from cron).")});
}

Expected<HealthOptions> healthOptions(const QCommandLineParser &p, const Target &target)
{
    HealthOptions options;
    const QString check = p.value(QStringLiteral("check"));
    if (check == QLatin1String("quick"))
        options.check = HealthOptions::Check::Quick;
    else if (check == QLatin1String("full") || check == QLatin1String("integrity"))
        options.check = HealthOptions::Check::Integrity;
    else if (!check.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("unknown --check \"%1\"").arg(check),
                           QStringLiteral("use --check quick or --check full"));
    options.foreignKeyCheck = p.isSet(QStringLiteral("fk-check"));
    options.sizes = !p.isSet(QStringLiteral("quick"));
    if (p.isSet(QStringLiteral("stale-after"))) {
        options.staleWriteSeconds = TimeValue::parseDuration(p.value(QStringLiteral("stale-after")));
        if (options.staleWriteSeconds <= 0)
            return Error::make(ErrorCode::Usage, QStringLiteral("bad --stale-after value"),
                               QStringLiteral("write it like 90s, 15m, 2h or 1d"));
    }
    QStringList policies = p.values(QStringLiteral("retention"));
    if (!target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName))
            policies << profile->retentionPolicies;
    for (const QString &policy : policies) {
        auto rule = RetentionRule::parse(policy);
        if (!rule)
            return rule.error();
        options.retention << rule.value();
    }
    return options;
}

int run(const Invocation &in)
{
    auto options = healthOptions(in.options(), in.target());
    if (!options)
        return in.fail(options.error());
    const OpControl control = progressControl(in.options().isSet(QStringLiteral("progress")));
    HealthScanRequest request{in.target(), SessionOptions::monitor(), options.value(), {}};
    if (in.options().isSet(QStringLiteral("record")))
        request.historyFile = HealthHistory::fileFor(in.target());
    auto scan = HealthScan::run(request, control);
    if (!scan)
        return in.failRead(scan.error());
    if (scan->historyError)
        return in.fail(scan->historyError);
    output(scan->report, in.json(), printReport);
    return scan->report.exitCode();
}

const RegisterCommand reg({QStringLiteral("health"),
                           QStringLiteral("table health: rows, sizes, findings (exit 0 ok, 1 warn, 2 critical)"),
                           QStringLiteral("Table health of a store: rows, table / index sizes, findings with severity, "
                                          "and data age. Exit 0 ok, 1 warn, 2 critical, 3 unreadable."),
                           TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
