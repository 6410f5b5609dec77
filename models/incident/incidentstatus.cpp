// The bundle's verdict: the status board's rows (status.json), as `dbops status --json` gives them.
#include "alert/targetboard.h"
#include "incident/incidentsections.h"

namespace dbops {

IncidentSection IncidentSections::status()
{
    return IncidentSection::json(
        QStringLiteral("status"), QStringLiteral("Status board"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            BoardRequest request = TargetBoard::forTarget(ctx.target());
            request.status.backupDir = ctx.backupDir;
            request.status.now = ctx.at;
            const StatusBoard board = TargetBoard::evaluate(request);
            if (board.error)
                return board.error;
            QStringList notOk;
            for (const StatusCheck &c : board.checks)
                if (c.state == CheckState::Warning || c.state == CheckState::Critical)
                    notOk << QStringLiteral("%1 %2").arg(c.name, StatusCheck::stateName(c.state));
            return IncidentSection::Data{
                board.toJson(),
                QStringLiteral("%1%2").arg(StatusCheck::stateName(board.worst()),
                                           notOk.isEmpty() ? QString()
                                                           : QStringLiteral(": ") + notOk.join(QStringLiteral(", ")))};
        });
}

} // namespace dbops
