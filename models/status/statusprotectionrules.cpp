// The status board's continuous-protection row: each protected store's Litestream replica and how far it is
// behind the store's newest write. Not configured (no replica folder in the profile) is neutral, as a drill
// never run is: the row asks for protection without turning every board amber.
#include "core/format.h"
#include "status/statusrules.h"

#include <QFileInfo>

namespace dbops {

namespace {

struct ReplicaVerdict {
    CheckState state = CheckState::Ok;
    QString reason;
    double lagS = 0;
};

ReplicaVerdict judgeReplica(const QString &store, const Expected<ReplicaWindow> &window, const StatusThresholds &t)
{
    const QString name = QFileInfo(store).fileName();
    if (!window)
        return {CheckState::Warning,
                QStringLiteral("%1: no replica to read (%2): is `dbops protect` running?")
                    .arg(name, window.error().message),
                -1};
    const ReplicaWindow &w = window.value();
    if (w.empty())
        return {CheckState::Warning, QStringLiteral("%1: nothing replicated yet").arg(name), -1};
    const QString restorable = QStringLiteral("restorable to %1").arg(Format::moment(w.restorableTo));
    const QString lag = Format::duration(qint64(w.lagS));
    if (w.lagS > t.protectionCriticalLagS)
        return {CheckState::Critical,
                QStringLiteral("%1: the replica is %2 behind the newest write (%3): is `dbops protect` running?")
                    .arg(name, lag, restorable),
                w.lagS};
    if (w.lagS > t.protectionWarnLagS)
        return {CheckState::Warning,
                QStringLiteral("%1: the replica is %2 behind the newest write (%3)").arg(name, lag, restorable),
                w.lagS};
    return {CheckState::Ok, QStringLiteral("%1: replica %2 behind, %3").arg(name, lag, restorable), w.lagS};
}

} // namespace

StatusCheck StatusRules::protection(const ProtectionFacts &facts, const StatusThresholds &thresholds)
{
    StatusCheck c =
        StatusCheck::named(QStringLiteral("protection"), QStringLiteral("backups"), QStringLiteral("seconds"));
    if (facts.replicaDir.isEmpty()) {
        c.state = CheckState::Neutral;
        c.reason = QStringLiteral("continuous protection not configured (a profile's replica= folder and `dbops "
                                  "protect`, or Protect continuously… on the Backups tab)");
        return c;
    }
    if (facts.binaryError) {
        c.state = CheckState::Unknown;
        c.reason =
            QStringLiteral("the replica in %1 cannot be read: %2").arg(facts.replicaDir, facts.binaryError.message);
        return c;
    }
    if (facts.replicas.isEmpty()) {
        c.state = CheckState::Warning;
        c.reason = QStringLiteral("no store here can be protected (%1)").arg(facts.skipped.join(QStringLiteral("; ")));
        return c;
    }
    c.state = CheckState::Ok;
    QStringList reasons;
    double worstLag = -1;
    for (const auto &[store, window] : facts.replicas) {
        const ReplicaVerdict v = judgeReplica(store, window, thresholds);
        c.state = std::max(c.state, v.state);
        worstLag = std::max(worstLag, v.lagS);
        reasons << v.reason;
    }
    c.value = worstLag < 0 ? QJsonValue() : QJsonValue(worstLag);
    c.reason = reasons.join(QStringLiteral("; "));
    return c;
}

} // namespace dbops
