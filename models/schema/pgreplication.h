#pragma once
// WAL archiving (pg_stat_archiver), standbys (pg_stat_replication), replication slots (pg_replication_slots) and,
// on a standby, its own replay lag: read on an open (read-only) PostgreSQL connection, then judged into the
// health findings archive_failing, archive_lagging, inactive_replication_slot and standby_lagging. Reading and
// judging are apart so the rules can be checked on values.
#include "core/expected.h"
#include "schema/healthreport.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

namespace dbops {

struct PgArchiveState {
    QString mode; // archive_mode: "on" | "always" | "off"
    qint64 archivedCount = 0;
    qint64 failedCount = 0;
    QString lastArchivedWal, lastFailedWal;
    QDateTime lastArchivedAt, lastFailedAt; // UTC; invalid: never
    double lastArchivedAgeS = -1;           // -1: never archived
    qint64 pendingSegments = -1; // completed WAL segments not archived yet; -1: not known (standby, never archived)

    bool enabled() const { return mode == QLatin1String("on") || mode == QLatin1String("always"); }
    // The newest attempt failed: the last failure is later than the last success (the status board's `wal` row judges
    // by it too).
    bool failing() const
    {
        return enabled() && lastFailedAt.isValid() && (!lastArchivedAt.isValid() || lastFailedAt > lastArchivedAt);
    }
    // Not failing, but completed segments wait and the last success is older than PgReplication::kArchiveLagWarnS.
    bool lagging() const;
    // The finding's severity: Critical when failing(), Warn when lagging(), else Info (all well).
    FindingSeverity severity() const;
    // mode, archived_count, last_archived_wal, last_archived_at, last_archived_age_s, failed_count,
    // last_failed_wal, last_failed_at, pending_segments, failing
    QJsonObject toJson() const;
};

struct PgStandbyState {
    QString name; // application_name
    QString client;
    QString state;     // "streaming" | "catchup" | "startup" | "backup" | "stopping"
    QString syncState; // "async" | "sync" | "potential" | "quorum"
    qint64 sentLagBytes = -1;
    qint64 replayLagBytes = -1;
    double replayLagS = -1; // -1: not known (idle, caught up)
    bool lagging() const;   // PgReplication::replayLagging(replayLagBytes, replayLagS)
    QJsonObject toJson() const;
};

struct PgSlotState {
    QString name, type, database;
    bool active = false;
    QString walStatus;         // "reserved" | "extended" | "unreserved" | "lost"
    qint64 retainedBytes = -1; // WAL kept for it: current position - restart_lsn; -1: reserves none
    // Nobody reads it, yet it keeps WAL: pg_wal grows until the disk is full.
    bool idleKeepingWal() const { return !active && retainedBytes > 0; }
    // Info unless idleKeepingWal(); then Critical when its WAL is lost (or about to be) or it keeps
    // PgReplication::kSlotCriticalBytes or more, else Warn.
    FindingSeverity severity() const;
    QJsonObject toJson() const;
};

struct PgReplicationState {
    bool inRecovery = false; // this server is a standby
    PgArchiveState archive;
    QList<PgStandbyState> standbys;
    QList<PgSlotState> replicationSlots;
    // On a standby: WAL received but not replayed, and the age of the last replayed commit.
    qint64 ownReplayLagBytes = -1;
    double ownReplayLagS = -1;
    bool ownLagging() const; // a standby behind its primary beyond the same thresholds as its own standbys
};

class PgReplication {
public:
    static constexpr double kArchiveLagWarnS = 300;            // a completed segment waits longer: lagging
    static constexpr double kStandbyLagWarnS = 60;             // replay behind by more than this: lagging
    static constexpr qint64 kStandbyLagWarnBytes = 64LL << 20; // … or by more WAL than this
    static constexpr qint64 kSlotCriticalBytes = 8LL << 30;    // an inactive slot keeping this much: critical

    static Expected<PgReplicationState> read(QSqlDatabase db);
    // Replay behind by more than kStandbyLagWarnBytes of WAL or kStandbyLagWarnS (-1: not known, not lagging).
    static bool replayLagging(qint64 bytes, double seconds);
    // Adds the findings and the facts "archive", "standbys", "replication_slots" (and "standby" on a standby),
    // and keeps `state` as report.replication.
    static void judge(const PgReplicationState &state, HealthReport &report);
    // Completed segments between the last archived WAL file and the current one (names as pg_walfile_name
    // gives them); -1 when either is missing or unreadable.
    static qint64 segmentsBetween(const QString &lastArchived, const QString &current, qint64 segmentBytes);
};

} // namespace dbops
