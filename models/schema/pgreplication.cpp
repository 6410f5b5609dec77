#include "schema/pgreplication.h"

#include "core/format.h"
#include "dialect/sqltext.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace dbops {

namespace {

QString iso(const QDateTime &at) { return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString(); }
QJsonValue orNull(qint64 v) { return v < 0 ? QJsonValue() : QJsonValue(double(v)); }
QJsonValue orNull(double v) { return v < 0 ? QJsonValue() : QJsonValue(v); }
QJsonValue orNull(const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); }
qint64 number(const QVariant &v) { return v.isNull() ? -1 : v.toLongLong(); }
double seconds(const QVariant &v) { return v.isNull() ? -1 : v.toDouble(); }

Expected<QSqlQuery> exec(QSqlDatabase db, const char *key)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(SqlText::postgresql("replication", key)))
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("cannot read WAL archiving and replication (%1)").arg(QLatin1String(key)),
                           QStringLiteral("the console's user needs pg_monitor (or to be a superuser)"),
                           q.lastError().text());
    return q;
}

Error readArchive(QSqlDatabase db, PgReplicationState &state)
{
    auto q = exec(db, "archiver");
    if (!q)
        return q.error();
    if (!q->next())
        return {};
    PgArchiveState &a = state.archive;
    a.mode = q->value(0).toString();
    a.archivedCount = q->value(1).toLongLong();
    a.lastArchivedWal = q->value(2).toString();
    a.lastArchivedAt = q->value(3).toDateTime().toUTC();
    a.lastArchivedAgeS = seconds(q->value(4));
    a.failedCount = q->value(5).toLongLong();
    a.lastFailedWal = q->value(6).toString();
    a.lastFailedAt = q->value(7).toDateTime().toUTC();
    a.pendingSegments =
        PgReplication::segmentsBetween(a.lastArchivedWal, q->value(8).toString(), q->value(9).toLongLong());
    state.inRecovery = q->value(10).toBool();
    return {};
}

Error readStandbys(QSqlDatabase db, PgReplicationState &state)
{
    auto q = exec(db, "standbys");
    if (!q)
        return q.error();
    while (q->next())
        state.standbys << PgStandbyState{q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                                         q->value(3).toString(), number(q->value(4)),    number(q->value(5)),
                                         seconds(q->value(6))};
    return {};
}

Error readSlots(QSqlDatabase db, PgReplicationState &state)
{
    auto q = exec(db, "slots");
    if (!q)
        return q.error();
    while (q->next())
        state.replicationSlots << PgSlotState{q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                                              q->value(3).toBool(),   q->value(4).toString(), number(q->value(5))};
    return {};
}

Error readSelf(QSqlDatabase db, PgReplicationState &state)
{
    if (!state.inRecovery)
        return {};
    auto q = exec(db, "standby_self");
    if (!q)
        return q.error();
    if (q->next()) {
        state.ownReplayLagBytes = number(q->value(0));
        state.ownReplayLagS = seconds(q->value(1));
    }
    return {};
}

void judgeArchive(const PgArchiveState &a, HealthReport &report)
{
    if (a.failing()) {
        report.add(a.severity(), {}, QStringLiteral("archive_failing"),
                   QStringLiteral("WAL archiving is failing: %1 failures, the last at %2 on %3 (rule: the last "
                                  "failure is newer than the last success); WAL piles up in pg_wal and point-in-time "
                                  "recovery stops at the last archived file — check archive_command and the server "
                                  "log")
                       .arg(a.failedCount)
                       .arg(iso(a.lastFailedAt), a.lastFailedWal));
        return;
    }
    if (a.lagging())
        report.add(a.severity(), {}, QStringLiteral("archive_lagging"),
                   QStringLiteral("%1 completed WAL segment(s) wait to be archived and the last was archived %2 ago "
                                  "(threshold %3): the archiver is behind — check archive_command's speed and the "
                                  "archive's disk")
                       .arg(a.pendingSegments)
                       .arg(Format::duration(qint64(a.lastArchivedAgeS)),
                            Format::duration(qint64(PgReplication::kArchiveLagWarnS))));
}

QString lagText(qint64 bytes, double seconds)
{
    return QStringLiteral("%1 of WAL, %2 (thresholds %3, %4)")
        .arg(bytes < 0 ? QStringLiteral("?") : Format::bytes(bytes),
             seconds < 0 ? QStringLiteral("time not known") : Format::duration(qint64(seconds)),
             Format::bytes(PgReplication::kStandbyLagWarnBytes),
             Format::duration(qint64(PgReplication::kStandbyLagWarnS)));
}

void judgeReplication(const PgReplicationState &state, HealthReport &report)
{
    for (const PgStandbyState &s : state.standbys)
        if (s.lagging())
            report.add(FindingSeverity::Warn, {}, QStringLiteral("standby_lagging"),
                       QStringLiteral("standby %1 (%2, %3) replays behind by %4: reads there are stale and a failover "
                                      "now would lose that much — check its disk, network and long queries")
                           .arg(s.name, s.client, s.state, lagText(s.replayLagBytes, s.replayLagS)));
    if (state.ownLagging())
        report.add(FindingSeverity::Warn, {}, QStringLiteral("standby_lagging"),
                   QStringLiteral("this standby replays behind its primary by %1: its reads are stale")
                       .arg(lagText(state.ownReplayLagBytes, state.ownReplayLagS)));
    for (const PgSlotState &s : state.replicationSlots) {
        if (!s.idleKeepingWal())
            continue;
        report.add(s.severity(), {}, QStringLiteral("inactive_replication_slot"),
                   QStringLiteral("replication slot %1 (%2) is inactive and keeps %3 of WAL (wal_status %4; critical "
                                  "from %5 or when its WAL is lost): pg_wal grows until the disk is full — reconnect "
                                  "its consumer, or SELECT pg_drop_replication_slot('%1') when it is gone")
                       .arg(s.name, s.type, Format::bytes(s.retainedBytes), s.walStatus,
                            Format::bytes(PgReplication::kSlotCriticalBytes)));
    }
}

} // namespace

bool PgArchiveState::lagging() const
{
    return !failing() && enabled() && pendingSegments > 0 && lastArchivedAgeS > PgReplication::kArchiveLagWarnS;
}

FindingSeverity PgArchiveState::severity() const
{
    return failing() ? FindingSeverity::Critical : lagging() ? FindingSeverity::Warn : FindingSeverity::Info;
}

bool PgStandbyState::lagging() const { return PgReplication::replayLagging(replayLagBytes, replayLagS); }

FindingSeverity PgSlotState::severity() const
{
    if (!idleKeepingWal())
        return FindingSeverity::Info;
    const bool lost = walStatus == QLatin1String("lost") || walStatus == QLatin1String("unreserved");
    return lost || retainedBytes >= PgReplication::kSlotCriticalBytes ? FindingSeverity::Critical
                                                                      : FindingSeverity::Warn;
}

bool PgReplicationState::ownLagging() const
{
    return inRecovery && PgReplication::replayLagging(ownReplayLagBytes, ownReplayLagS);
}

bool PgReplication::replayLagging(qint64 bytes, double seconds)
{
    return bytes > kStandbyLagWarnBytes || seconds > kStandbyLagWarnS;
}

QJsonObject PgArchiveState::toJson() const
{
    return {{QStringLiteral("mode"), mode},
            {QStringLiteral("archived_count"), double(archivedCount)},
            {QStringLiteral("last_archived_wal"), orNull(lastArchivedWal)},
            {QStringLiteral("last_archived_at"), orNull(iso(lastArchivedAt))},
            {QStringLiteral("last_archived_age_s"), orNull(lastArchivedAgeS)},
            {QStringLiteral("failed_count"), double(failedCount)},
            {QStringLiteral("last_failed_wal"), orNull(lastFailedWal)},
            {QStringLiteral("last_failed_at"), orNull(iso(lastFailedAt))},
            {QStringLiteral("pending_segments"), orNull(pendingSegments)},
            {QStringLiteral("failing"), failing()}};
}

QJsonObject PgStandbyState::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("client"), client},
            {QStringLiteral("state"), state},
            {QStringLiteral("sync_state"), syncState},
            {QStringLiteral("sent_lag_bytes"), orNull(sentLagBytes)},
            {QStringLiteral("replay_lag_bytes"), orNull(replayLagBytes)},
            {QStringLiteral("replay_lag_s"), orNull(replayLagS)}};
}

QJsonObject PgSlotState::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("type"), type},
            {QStringLiteral("database"), orNull(database)},
            {QStringLiteral("active"), active},
            {QStringLiteral("wal_status"), orNull(walStatus)},
            {QStringLiteral("retained_bytes"), orNull(retainedBytes)}};
}

Expected<PgReplicationState> PgReplication::read(QSqlDatabase db)
{
    PgReplicationState state;
    for (Error (*part)(QSqlDatabase, PgReplicationState &) : {&readArchive, &readStandbys, &readSlots, &readSelf})
        if (Error e = part(db, state))
            return e;
    return state;
}

void PgReplication::judge(const PgReplicationState &state, HealthReport &report)
{
    judgeArchive(state.archive, report);
    judgeReplication(state, report);
    QJsonArray standbys, slots;
    for (const PgStandbyState &s : state.standbys)
        standbys.append(s.toJson());
    for (const PgSlotState &s : state.replicationSlots)
        slots.append(s.toJson());
    report.facts.insert(QStringLiteral("archive"), state.archive.toJson());
    report.facts.insert(QStringLiteral("standbys"), standbys);
    report.facts.insert(QStringLiteral("replication_slots"), slots);
    if (state.inRecovery)
        report.facts.insert(QStringLiteral("standby"),
                            QJsonObject{{QStringLiteral("replay_lag_bytes"), orNull(state.ownReplayLagBytes)},
                                        {QStringLiteral("replay_lag_s"), orNull(state.ownReplayLagS)}});
    report.replication = std::make_shared<const PgReplicationState>(state);
}

qint64 PgReplication::segmentsBetween(const QString &lastArchived, const QString &current, qint64 segmentBytes)
{
    // A WAL file name is 24 hex digits: timeline, then the segment number as "log" (high 32 bits of the
    // position) and "seg" (the segment within that log).
    // A backup label file ("….00000028.backup") or a partial segment carries the segment's name in front.
    const auto segmentNumber = [segmentBytes](const QString &file) -> qint64 {
        const QString name = file.left(24);
        bool okLog = false, okSeg = false;
        const qint64 log = name.mid(8, 8).toLongLong(&okLog, 16);
        const qint64 seg = name.mid(16, 8).toLongLong(&okSeg, 16);
        return name.size() == 24 && okLog && okSeg ? log * (0x100000000LL / segmentBytes) + seg : -1;
    };
    if (segmentBytes <= 0)
        return -1;
    const qint64 from = segmentNumber(lastArchived), to = segmentNumber(current);
    if (from < 0 || to < 0)
        return -1;
    return std::max<qint64>(0, to - from - 1); // the current segment is still being written
}

} // namespace dbops
