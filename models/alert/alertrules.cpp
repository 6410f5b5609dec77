#include "alert/alertrules.h"

namespace dbops {

QStringList AlertRules::names()
{
    return {QStringLiteral("connections"), QStringLiteral("queries"),   QStringLiteral("wal"),
            QStringLiteral("health"),      QStringLiteral("backup"),    QStringLiteral("restore_drill"),
            QStringLiteral("protection"),  QStringLiteral("schedules"), QStringLiteral("reachable")};
}

QString AlertRules::stateOf(CheckState state)
{
    return state == CheckState::Unknown ? QString() : StatusCheck::stateName(state);
}

QList<AlertObservation> AlertRules::observe(const StatusBoard &board)
{
    if (board.error)
        return {{QStringLiteral("reachable"), QStringLiteral("critical"), board.error.oneLine(), QJsonValue()}};
    QList<AlertObservation> list;
    for (const QString &rule : names()) {
        if (rule == QLatin1String("reachable")) {
            list << AlertObservation{rule, QStringLiteral("ok"), QStringLiteral("the target answers"), QJsonValue()};
            continue;
        }
        const StatusCheck *c = board.find(rule);
        if (!c || stateOf(c->state).isEmpty())
            continue;
        QString state = stateOf(c->state);
        // Health: only a finding turning critical pages; its warnings (no primary key, dead tuples) are chronic.
        if (rule == QLatin1String("health") && state == QLatin1String("warning"))
            state = QStringLiteral("ok");
        list << AlertObservation{rule, state, c->reason, c->value};
    }
    return list;
}

} // namespace dbops
