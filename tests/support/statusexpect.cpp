#include "statusexpect.h"

namespace dbops::test {

QString StatusExpect::problem(const StatusBoard &board, const QString &check, CheckState state, const QString &reason)
{
    if (board.error)
        return QStringLiteral("no board: ") + board.error.oneLine();
    const StatusCheck *c = board.find(check);
    if (!c)
        return QStringLiteral("no row named ") + check;
    if (!c->reason.contains(reason))
        return QStringLiteral("%1: the reason \"%2\" does not say \"%3\"").arg(check, c->reason, reason);
    if (c->state != state)
        return QStringLiteral("%1: %2, expected %3 (%4)")
            .arg(check, StatusCheck::stateName(c->state), StatusCheck::stateName(state), c->reason);
    return {};
}

} // namespace dbops::test
