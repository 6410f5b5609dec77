#pragma once
// `dbops restore --db PG --at TIME --side-instance DIR --port N`: the stanza found, TIME checked against its
// restorable window, the cluster restored as of TIME into DIR (PitrEngine::restore), started there as a side
// instance (SideInstance) and waited for until it reached TIME and was promoted; audited. The live server is only
// read (its system identifier, its last archived WAL): this changes no live store, so incident mode allows it.
#include "connection/target.h"
#include "pitr/pitrlocator.h"
#include "pitr/sideinstance.h"

namespace dbops {

struct SideRestoreRequest {
    QDateTime moment; // UTC
    QString dataDirectory;
    int port = 0;
    int timeoutS = 600; // for the recovery and promotion, after the restore
};

struct SideRestoreResult {
    PitrInfo info;
    QDateTime restoredTo; // the moment asked for: the recovery stops exactly there (every commit up to it, none after)
    QDateTime lastCommit; // the newest transaction the recovery replayed (UTC); invalid: none since the backup
    QString dataDirectory;
    int port = 0;
    QString source; // the live target, without password
    Target side;    // the side instance: the live target's user and database on 127.0.0.1:port, no password
    qint64 durationMs = 0;
    QString logFile;
    QString warning; // set when the promotion could not be confirmed over the URI (no password for it, …)
    // status, restored_to, last_commit_at, side_instance {data_directory, port, uri, log}, stanza, engine, duration_ms
    QJsonObject toJson() const;
    QString uri() const;
};

class SideRestoreService {
public:
    static Expected<SideRestoreResult> run(const Target &target, const SideRestoreRequest &request,
                                           const PitrSource &source, const OpControl &control);
    // The side instance's address: the live target with its host and port replaced (same roles, same passwords).
    static Target sideTarget(const Target &live, int port);
    // A side instance made earlier (its marker, found by SideInstanceRegistry) as a restore of `live` reports it.
    static SideRestoreResult fromMarker(const SideInstanceMarker &marker, const Target &live);
    // The side instances of `live` dbops made on this workstation (SideInstanceRegistry), oldest first.
    static QList<SideRestoreResult> madeFor(const Target &live);
};

} // namespace dbops
