// dbops drill: restore a backup into a scratch place, check it there, remove it. Exit 0 passed, 2 failed or
// refused (a backup of another store), 3 when the drill could not run (no backup, no manifest, no pg_restore, no
// scratch place).
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/printable.h"
#include "ops/drill.h"
#include "ops/drillsettings.h"
#include "opsprogress.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kBackup = QStringLiteral("backup");
const QString kLatest = QStringLiteral("latest");

void addOptions(QCommandLineParser &p)
{
    p.addOption(
        {kBackup, QStringLiteral("The backup to drill (the file or its .manifest.json)."), QStringLiteral("PATH")});
    p.addOption({kLatest, QStringLiteral("Drill the newest backup of the store (the default).")});
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("The folder holding the backups (default: the dbops data folder's backups/)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("probe"),
                 QStringLiteral("A query that must return a row on the restored copy (repeatable; added to the "
                                "profile's drill_probe keys)."),
                 QStringLiteral("SQL")});
    p.addOption({QStringLiteral("scratch-dir"),
                 QStringLiteral("SQLite: the folder for the scratch copy (default: the system's temporary folder)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("no-record"),
                 QStringLiteral("Do not record the verdict in the manifest and the audit trail.")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
}

void printText(QTextStream &out, const DrillResult &r)
{
    out << (r.passed() ? "passed  " : "FAILED  ") << r.backup << '\n'
        << "  restore " << Format::milliseconds(double(r.restoreMs)) << ", " << r.tables.size() << " table(s), counts "
        << (r.countsMatch ? "match" : "differ") << ", drill " << Format::milliseconds(double(r.durationMs)) << '\n';
    for (const DrillCheck &c : r.checks)
        out << "  " << (c.ok ? "ok      " : "FAILED  ") << c.name.leftJustified(13) << Printable::name(c.detail)
            << '\n';
    if (!r.recordError.isEmpty())
        out << "  not recorded: " << Printable::name(r.recordError) << '\n';
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (p.isSet(kBackup) && p.isSet(kLatest))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("--backup and --latest exclude each other"),
                                   QStringLiteral("name one backup, or drill the newest")));
    DrillRequest request;
    request.target = in.target();
    request.backupPath = p.value(kBackup);
    request.backupDir = p.value(QStringLiteral("dir"));
    request.scratchDir = p.value(QStringLiteral("scratch-dir"));
    request.record = !p.isSet(QStringLiteral("no-record"));
    request.probes = DrillSettings::forProfile(in.target().profileName).probes + p.values(QStringLiteral("probe"));
    auto result = RestoreDrill::run(request, progressControl(p.isSet(QStringLiteral("progress"))));
    // A backup of another store: refused as restore refuses it (exit 2, status "refused").
    if (!result && result.error().code == ErrorCode::Refused)
        return fail(result.error(), in.json(), QStringLiteral("refused"));
    if (!result) {
        const int code = in.fail(result.error());
        return result.error().code == ErrorCode::Cancelled ? code : int(ExitUnknown);
    }
    output(result.value(), in.json(), printText);
    return result->passed() ? ExitOk : ExitCritical;
}

const RegisterCommand reg(
    {QStringLiteral("drill"), QStringLiteral("restore a backup into scratch and prove it restores"),
     QStringLiteral("Restore drill: the newest backup of the store (or --backup PATH) restored into a scratch place "
                    "(SQLite: a temporary file; PostgreSQL: a temporary database on the store's server), then "
                    "integrity and foreign-key checks, row counts per table against the manifest and the probe "
                    "queries (profile keys drill_probe=, or --probe), timed; the scratch copy is removed and the "
                    "live store never written. A passed drill makes the backup \"proven\" in `dbops backups`. "
                    "Exit 0 passed, 2 failed or refused (a backup of another store), 3 could not run (no backup or "
                    "manifest, pg_restore missing, no scratch place)."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
