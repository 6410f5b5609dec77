#pragma once
// The core's sections of an evidence bundle, in the order they are captured. Adding one (say locks.json):
// write a function returning IncidentSection (IncidentSection::json for one JSON file) and list it in
// standard(); the bundle, its summary and its SHA256SUMS pick it up.
#include "incident/incidentsection.h"

#include <QList>

namespace dbops {

class IncidentSections {
public:
    static QList<IncidentSection> standard();

    // incidentstatus.cpp
    static IncidentSection status(); // status.json: the status board's verdict per concern
    // incidentactivity.cpp
    static IncidentSection pool();  // pool.json: connections by application / SQLite holders and write lock
    static IncidentSection wal();   // wal.json: SQLite journal mode, WAL size and checkpoint state (from pool)
    static IncidentSection slow();  // slow.json, running.json, blocking.json: one slow-query snapshot
    static IncidentSection locks(); // locks.json: a data directory's lock files, alive or stale
    // incidentstore.cpp
    static IncidentSection overview();   // overview.json: engine, server version, size, tables
    static IncidentSection health();     // health.json: table health and findings (not recorded in history)
    static IncidentSection migrations(); // migrations.json
    static IncidentSection backups();    // backups.json: this target's backups and its restore window
    // incidenttrail.cpp
    static IncidentSection environment(); // environment.json: where the target came from, redacted
    static IncidentSection audit();       // audit.json: the trail's last records and its chain state
    static IncidentSection log();         // log-tail.txt: the last lines of dbops' log
    static IncidentSection versions();    // versions.json: dbops, Qt, SQLite, the server
};

} // namespace dbops
