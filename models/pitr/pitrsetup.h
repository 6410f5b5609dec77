#pragma once
// `dbops pitr-setup`: what continuous archiving to a pgBackRest repository takes on one server — the
// archive_command, the pgbackrest.conf lines, the stanza-create / check commands — as a plan the operator reads;
// applied (ALTER SYSTEM, the configuration file, stanza-create, check) only when asked and only on a server on
// this machine. archive_mode needs a restart: the plan says so, and the server is restarted only when asked too.
#include "connection/target.h"
#include "core/expected.h"
#include "pitr/pitrlocator.h"

#include <QStringList>

namespace dbops {

struct PitrSetupRequest {
    QString stanza;
    QString repoDir;
    QString configFile = QStringLiteral("/etc/pgbackrest/pgbackrest.conf");
    bool restart = false; // apply: restart the server when archive_mode has to change
    static bool validStanza(const QString &name);
};

struct PitrSetupPlan {
    QString stanza, repoDir, configFile, dataDirectory;
    QString archiveCommand;
    QStringList configLines;    // what pgbackrest.conf gets
    QStringList settings;       // ALTER SYSTEM statements, as they would run
    QStringList commands;       // stanza-create, check, as the operator would type them
    bool restartNeeded = false; // archive_mode is off now
    bool local = false;         // the data directory is on this machine: --yes may apply it
    QStringList done;           // apply: what was done, in order
    QStringList pending;        // apply: what is left for the operator (the restart, the check after it)
    // stanza, repo, config_file, data_directory, archive_command, config_lines, settings, commands,
    // restart_needed, local, done, pending
    QJsonObject toJson() const;
};

class PitrSetup {
public:
    static Expected<PitrSetupPlan> plan(const Target &target, const PitrSetupRequest &request);
    // Refused in incident mode and for a server elsewhere; returns the plan with `done` / `pending` filled.
    static Expected<PitrSetupPlan> apply(const Target &target, const PitrSetupRequest &request);
};

} // namespace dbops
