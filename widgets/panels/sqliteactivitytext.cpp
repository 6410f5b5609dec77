#include "panels/sqliteactivitytext.h"

#include "core/format.h"
#include "core/severityjson.h"
#include "panels/activitypanel.h"

namespace dbops::SqliteActivityText {

QString html(const SqlitePool &s)
{
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> — %2").arg(s.path.toHtmlEscaped(), severityName(s.severity));
    lines << ActivityPanel::tr("journal %1, WAL %2 (%3 frames), write lock <b>%4</b>")
                 .arg(s.journalMode, Format::bytes(s.walBytes))
                 .arg(s.walFrames)
                 .arg(s.writeLockText().toHtmlEscaped());
    if (s.checkpoint.source == QLatin1String("wal_index"))
        lines << ActivityPanel::tr("WAL index: %1 frames, %2 checkpointed (read without checkpointing)")
                     .arg(s.checkpoint.logFrames)
                     .arg(s.checkpoint.checkpointed);
    if (s.activeProbes)
        lines << ActivityPanel::tr("<b>Active probes on</b> — they write to this store: write lock taken and "
                                   "released in %1 ms")
                     .arg(s.lockProbeMs, 0, 'f', 1);
    if (s.checkpoint.ran)
        lines << ActivityPanel::tr("PASSIVE checkpoint: busy %1, log %2, checkpointed %3")
                     .arg(int(s.checkpoint.busy))
                     .arg(s.checkpoint.logFrames)
                     .arg(s.checkpoint.checkpointed);
    for (const FileHolder &h : s.holders.holders)
        lines << ActivityPanel::tr("open in pid %1 (%2)%3")
                     .arg(h.pid)
                     .arg(h.command.toHtmlEscaped(), h.isSelf ? ActivityPanel::tr(", this console") : QString());
    if (s.holders.unreadableProcesses > 0)
        lines << ActivityPanel::tr("%1 processes of other users could not be inspected")
                     .arg(s.holders.unreadableProcesses);
    for (const DiscoveredItem &l : s.lockFiles)
        lines << ActivityPanel::tr("lock file %1: pid %2 %3")
                     .arg(l.path.toHtmlEscaped())
                     .arg(l.pid)
                     .arg(l.lockAlive ? ActivityPanel::tr("held by its writer")
                                      : ActivityPanel::tr("stale (no writer holds it)"));
    for (const QString &f : s.findings)
        lines << QStringLiteral("⚠ ") + f.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

QString walGrowthHtml(const WalGrowth &growth)
{
    return QStringLiteral("<p style=\"color:#b35900\"><b>⚠ %1</b></p>").arg(growth.warning().toHtmlEscaped());
}

} // namespace dbops::SqliteActivityText
