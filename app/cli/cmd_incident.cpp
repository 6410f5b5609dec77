// dbops incident: one evidence bundle of a target, for the post-mortem — every view's JSON, the last hour's
// charts, the log's and the audit trail's tails, versions, a summary.md for the ticket and SHA256SUMS, in
// dbops-incident-<target>-<UTC time>.tar.gz. Exit 0 complete, 1 written with sections that could not be read.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/paths.h"
#include "incident/incidentbundle.h"
#include "incident/incidentsections.h"
#include "incidentcharts.h"
#include "opsprogress.h"

#include <QDir>
#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kOut = QStringLiteral("out");
const QString kProgress = QStringLiteral("progress");

void addOptions(QCommandLineParser &p)
{
    p.addOption({kOut,
                 QStringLiteral("The folder to write the archive to (default: the dbops data folder's "
                                "incidents/)."),
                 QStringLiteral("DIR")});
    p.addOption({kProgress, QStringLiteral("Name each section on stderr while it is captured.")});
}

void printText(QTextStream &out, const IncidentResult &r)
{
    out << "evidence bundle " << r.path << '\n'
        << "  " << Format::bytes(r.bytes) << ", " << r.files.size() << " files, " << Format::milliseconds(r.ms)
        << "; check: tar -xzf, then sha256sum -c SHA256SUMS in " << r.folder << "/\n";
    for (const IncidentSectionOutcome &s : r.sections)
        out << "  " << s.title.leftJustified(40) << ' '
            << (s.error ? QStringLiteral("NOT READ: ") + s.error.oneLine() : s.headline) << '\n';
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    IncidentRequest request;
    request.detected = in.detected();
    request.outDir = p.isSet(kOut) ? QDir(p.value(kOut)).absolutePath()
                                   : QDir(Paths::dataDir()).filePath(QStringLiteral("incidents"));
    QList<IncidentSection> sections = IncidentSections::standard();
    sections << IncidentCharts::section();
    auto result = IncidentBundle::capture(request, sections, progressControl(p.isSet(kProgress)));
    if (!result)
        return in.fail(result.error());
    output(result.value(), in.json(), printText);
    return result->failedSections() ? ExitWarning : ExitOk;
}

const RegisterCommand reg({QStringLiteral("incident"), QStringLiteral("capture an evidence bundle (.tar.gz)"),
                           QStringLiteral("Capture the evidence of an incident in one archive: the JSON of every view "
                                          "(pool, slow with deltas since the last mark, running statements, blocking "
                                          "tree, locks, WAL, health, migrations, backups and restore window, "
                                          "environment), the last hour's charts as PNG, the tails of the log and the "
                                          "audit trail, versions, summary.md and SHA256SUMS. Passwords are replaced "
                                          "by ***. Exit 0 complete, 1 written but some sections could not be read."),
                           TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
