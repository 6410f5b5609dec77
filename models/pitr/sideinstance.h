#pragma once
// A side instance: a PostgreSQL cluster restored from the archive into a directory of its own and started on its
// own port beside the live server, which it never touches: it listens on 127.0.0.1 only, keeps its Unix socket in
// its data directory, and WAL archiving is off (it must never push WAL into the live stanza's repository). A
// marker file in the directory says dbops made it; `dbops side-instance --stop` removes nothing without it.
// Programs run as the cluster's OS user (runuser when dbops is root).
#include "core/expected.h"
#include "worker/opcontrol.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace dbops {

struct SideInstanceMarker {
    int port = 0;
    QString source; // the live target, without password
    QString stanza;
    QDateTime restoredTo, createdAt; // UTC
    QString dataDirectory;           // filled by read()
    // made_by "dbops", port, source, stanza, restored_to, created_at
    QJsonObject toJson() const;
    Error write(const QString &dataDir) const;
    // NotFound / Refused when `dataDir` holds no marker of dbops's.
    static Expected<SideInstanceMarker> read(const QString &dataDir);
    static QString fileName();
};

class SideInstance {
public:
    SideInstance(const QString &dataDir, const QString &osUser = QStringLiteral("postgres"));

    // Usage error when something already listens on 127.0.0.1:port.
    static Error checkPortFree(int port);
    // `program` (and args) as the cluster's owner: runuser in front when dbops runs as root.
    static QStringList asOwner(const QString &osUser, const QStringList &command);
    // pg_ctl of the cluster's major version (PG_VERSION in the data directory).
    Expected<QString> pgCtl() const;
    // Port, addresses, socket directory and archive_mode=off in postgresql.auto.conf (read last, so they win,
    // and they hold when the operator restarts it); a minimal postgresql.conf / pg_hba.conf when the restored
    // cluster kept them elsewhere (Debian's /etc/postgresql).
    Error configure(int port) const;
    Error start() const;
    // Until the recovery target is reached and the cluster promoted (postmaster.pid says "ready", recovery.signal
    // is gone); a Timeout after `timeoutMs`, an error quoting its log when it stopped.
    Error waitPromoted(int timeoutMs, const OpControl &control) const;
    // pg_ctl stop -m fast, then the directory removed: only with dbops's marker in it.
    Error stopAndRemove() const;
    bool running() const;
    QString logFile() const;

private:
    Expected<int> run(const QStringList &args, int timeoutMs) const;
    QString lastLogLine() const;
    bool inProduction() const; // pg_controldata: "Database cluster state: in production"

    QString m_dir;
    QString m_osUser;
};

} // namespace dbops
