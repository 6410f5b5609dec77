#include "alert/alertevent.h"

#include <algorithm>

namespace dbops {

QString AlertEvent::kind() const { return recovery() ? QStringLiteral("recovery") : QStringLiteral("alert"); }

QJsonObject AlertEvent::toJson() const
{
    return {{QStringLiteral("target"), target},
            {QStringLiteral("rule"), rule},
            {QStringLiteral("state"), state},
            {QStringLiteral("previous_state"), previousState},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("value"), value},
            {QStringLiteral("at"), at.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("kind"), kind()}};
}

QString AlertEvent::summary() const
{
    return recovery() ? QStringLiteral("recovered: %1 on %2").arg(rule, target)
                      : QStringLiteral("%1: %2 on %3").arg(state, rule, target);
}

QString AlertEvent::line() const { return QStringLiteral("%1 %2 → %3: %4").arg(rule, previousState, state, reason); }

QProcessEnvironment AlertEvent::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QJsonObject o = toJson();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        const QString text = v.isString() ? v.toString() : v.isDouble() ? QString::number(v.toDouble()) : QString();
        env.insert(QStringLiteral("DBOPS_ALERT_") + it.key().toUpper(), text);
    }
    return env;
}

int AlertCheck::exitCode() const
{
    int code = 0;
    for (const AlertObservation &o : active)
        code = std::max(code, o.state == QLatin1String("critical") ? 2 : 1);
    return code;
}

QStringList AlertCheck::activeLines() const
{
    QStringList lines;
    for (const AlertObservation &o : active)
        lines << QStringLiteral("%1 %2: %3").arg(o.state, o.rule, o.reason);
    return lines;
}

} // namespace dbops
