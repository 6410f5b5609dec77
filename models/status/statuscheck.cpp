#include "status/statuscheck.h"

#include <QJsonArray>
#include <algorithm>

namespace dbops {

StatusCheck StatusCheck::named(const QString &name, const QString &panel, const QString &unit)
{
    StatusCheck c;
    c.name = name;
    c.panel = panel;
    c.unit = unit;
    return c;
}

QString StatusCheck::stateName(CheckState state)
{
    switch (state) {
    case CheckState::Ok:
    case CheckState::Neutral: return QStringLiteral("ok");
    case CheckState::Unknown: return QStringLiteral("unknown");
    case CheckState::Warning: return QStringLiteral("warning");
    case CheckState::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("unknown");
}

Severity StatusCheck::severity(CheckState state)
{
    switch (state) {
    case CheckState::Ok: return Severity::Good;
    case CheckState::Neutral:
    case CheckState::Unknown: return Severity::Quiet;
    case CheckState::Warning: return Severity::Warning;
    case CheckState::Critical: return Severity::Critical;
    }
    return Severity::Quiet;
}

int StatusCheck::exitCode(CheckState state)
{
    switch (state) {
    case CheckState::Ok:
    case CheckState::Neutral: return 0;
    case CheckState::Unknown:
    case CheckState::Warning: return 1;
    case CheckState::Critical: return 2;
    }
    return 1;
}

QJsonObject StatusCheck::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("state"), stateName(state)},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("value"), value},
                  {QStringLiteral("unit"), unit},
                  {QStringLiteral("panel"), panel},
                  {QStringLiteral("neutral"), state == CheckState::Neutral}};
    return o;
}

CheckState StatusBoard::worst() const
{
    CheckState w = CheckState::Ok;
    for (const StatusCheck &c : checks)
        w = std::max(w, c.state);
    return w == CheckState::Neutral ? CheckState::Ok : w;
}

int StatusBoard::exitCode() const { return error ? exitCodeFor(error) : StatusCheck::exitCode(worst()); }

const StatusCheck *StatusBoard::find(const QString &name) const
{
    for (const StatusCheck &c : checks)
        if (c.name == name)
            return &c;
    return nullptr;
}

QStringList StatusBoard::problems() const
{
    QStringList lines;
    if (error)
        lines << error.oneLine();
    for (const StatusCheck &c : checks)
        if (c.state == CheckState::Warning || c.state == CheckState::Critical || c.state == CheckState::Unknown)
            lines << QStringLiteral("%1: %2").arg(c.name, c.reason);
    return lines;
}

QJsonObject StatusBoard::toJson() const
{
    QJsonObject o{{QStringLiteral("target"), target},
                  {QStringLiteral("profile"), profile.isEmpty() ? QJsonValue() : QJsonValue(profile)},
                  {QStringLiteral("engine"), engine}};
    if (error) {
        o.insert(QStringLiteral("worst"), QStringLiteral("unknown"));
        o.insert(QStringLiteral("status"), QStringLiteral("error"));
        o.insert(QStringLiteral("checks"), QJsonArray());
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.codeName()},
                                                      {QStringLiteral("message"), error.message},
                                                      {QStringLiteral("hint"), error.hint}});
        return o;
    }
    QJsonArray list;
    for (const StatusCheck &c : checks)
        list.append(c.toJson());
    o.insert(QStringLiteral("worst"), StatusCheck::stateName(worst()));
    o.insert(QStringLiteral("checks"), list);
    return o;
}

} // namespace dbops
