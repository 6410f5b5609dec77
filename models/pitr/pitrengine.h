#pragma once
// dbops's own view of a point-in-time-recovery engine (pgBackRest today; Barman or WAL-G could follow): the
// backups of one configuration unit ("stanza"), the window a restore can reach, and running a backup. The CLI
// and the panels speak only these values and this interface, never an engine's commands or JSON.
#include "core/expected.h"
#include "worker/opcontrol.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dbops {

struct PitrBackup {
    QString label;
    QString type;          // "full" | "diff" | "incr"
    QDateTime start, stop; // UTC
    qint64 bytes = 0;      // the database's size as backed up
    qint64 repoBytes = 0;  // what it takes in the repository (compressed, this backup's share)
    QString walStart, walStop;
    // label, type, start, stop (ISO-8601 UTC), size, repo_size, wal_start, wal_stop
    QJsonObject toJson() const;
};

struct PitrInfo {
    QString engine; // "pgbackrest"
    QString stanza;
    QString status;            // "ok", or the engine's own word for what is wrong ("missing stanza path", …)
    QString systemId;          // the cluster's pg_control system identifier the stanza belongs to
    QList<PitrBackup> backups; // oldest first
    QString walMin, walMax;    // archived WAL held by the repository
    QDateTime restorableFrom;  // the end of the oldest backup: the earliest consistent moment
    QDateTime restorableTo;    // the newest moment the archive reaches (at least the newest backup's end)

    bool usable = false; // it exists and can take a backup (pgBackRest: ok, or no valid backup yet)
    bool ok() const { return status == QLatin1String("ok"); }
    // engine, stanza, status, backups [...], wal_min, wal_max, restorable_from, restorable_to
    QJsonObject toJson() const;
};

struct PitrBackupRequest {
    QString stanza;
    QString type = QStringLiteral("full"); // "full" | "diff" | "incr"
    static bool validType(const QString &type);
};

// A restore of the whole cluster as of `moment` into a new data directory (the live one is never touched).
struct PitrRestoreRequest {
    QString stanza;
    QDateTime moment;      // UTC; the engine picks the backup that reaches it
    QString dataDirectory; // new, or empty: owned by the cluster's OS user, mode 0700
};

class PitrEngine {
public:
    virtual ~PitrEngine() = default;
    virtual QString name() const = 0;
    // Every stanza the engine's configuration knows (`stanza` empty), or that one.
    virtual Expected<QList<PitrInfo>> info(const QString &stanza = {}) const = 0;
    // Runs a backup to the end, reporting progress; returns the backup it made.
    virtual Expected<PitrBackup> backup(const PitrBackupRequest &request, const OpControl &control) const = 0;
    // Restores the cluster into request.dataDirectory, set to replay WAL up to the moment and then promote, with
    // WAL archiving off (a copy must never push WAL into the live cluster's repository). Does not start it.
    virtual Error restore(const PitrRestoreRequest &request, const OpControl &control) const = 0;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::PitrInfo)
