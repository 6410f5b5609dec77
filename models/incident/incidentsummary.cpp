#include "incident/incidentsummary.h"

#include "audit/auditlog.h"

#include <QSysInfo>

namespace dbops {

namespace {

// A table cell: one line, no column breaks.
QString cell(QString text)
{
    text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return text.simplified();
}

QString sectionLine(const IncidentSectionOutcome &s)
{
    const QString state = s.error ? QStringLiteral("**not read**: ") + s.error.oneLine() : s.headline;
    return QStringLiteral("| %1 | %2 |\n").arg(cell(s.title), cell(state));
}

} // namespace

QString IncidentSummary::markdown(const IncidentContext &ctx, const QList<IncidentSectionOutcome> &sections,
                                  const QString &archiveName)
{
    const Target &t = ctx.target();
    QString md;
    md += QStringLiteral("# Incident evidence: %1\n\n").arg(t.display());
    md += QStringLiteral("- **Captured:** %1 UTC by %2 on %3\n")
              .arg(ctx.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), AuditLog::currentOsUser(),
                   QSysInfo::machineHostName());
    md += QStringLiteral("- **Target:** %1 (%2%3)\n")
              .arg(t.display(), t.engine(),
                   t.profileName.isEmpty() ? QString() : QStringLiteral(", profile ") + t.profileName);
    for (const IncidentSectionOutcome &s : sections)
        if (s.name == QLatin1String("versions") && !s.error)
            md += QStringLiteral("- **Versions:** %1\n").arg(s.headline);
    md += QStringLiteral("- **Bundle:** %1 — check it with `sha256sum -c SHA256SUMS` inside its folder\n\n")
              .arg(archiveName);

    md += QStringLiteral("## What dbops saw\n\n| area | state |\n| --- | --- |\n");
    for (const IncidentSectionOutcome &s : sections)
        md += sectionLine(s);

    QString failed;
    for (const IncidentSectionOutcome &s : sections)
        if (s.error)
            failed += QStringLiteral("- %1: %2\n").arg(s.title, s.error.oneLine());
    if (!failed.isEmpty())
        md += QStringLiteral("\n## Not captured\n\n") + failed;
    md += QStringLiteral("\nEach section's JSON is in the bundle (`pool.json`, `slow.json`, …), as `dbops <command> "
                         "--json` prints it; charts are PNG; passwords are replaced by `***`.\n");
    return md;
}

} // namespace dbops
