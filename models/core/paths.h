#pragma once
#include <QString>

namespace dbops {

// Where the console keeps its own files, after the XDG base directory spec:
// config  $XDG_CONFIG_HOME/dbops (profiles; never a password)
// state   $XDG_STATE_HOME/dbops  (log files, metric history)
// data    $XDG_DATA_HOME/dbops   (audit trail state.db, backups by default)
// Each is created on first use.
class Paths {
public:
    static QString configDir();
    static QString stateDir();
    static QString dataDir();
    static QString logFile();
    static QString stateDatabase();
    static QString defaultBackupDir();
};

} // namespace dbops
