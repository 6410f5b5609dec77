#pragma once
// What the console checks before it restores into a side instance, so the operator learns of a problem before a
// restore of minutes starts: the moment against the stanza's restorable window (no I/O), the data directory (new or
// empty) and the port (free on 127.0.0.1) — those two on a worker, they touch the disk and the network stack.
// SideRestoreService checks the same things again when it runs.
#include "pitr/pitrengine.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace dbops {

struct SideCheck {
    enum class Directory { Usable, NotEmpty, NotADirectory, OutOfReach };
    QString dataDirectory; // as checked: the one asked for, else the default under root
    QString root;          // where default directories go: SideChecks::root()
    QString closedFolder;  // OutOfReach: the folder above it the cluster's owner cannot enter (dbops as root)
    int port = 0;          // as checked: the one asked for, else a free one
    Directory directory = Directory::Usable;
    bool portFree = false;
    bool ok() const { return directory == Directory::Usable && portFree; }
};

class SideChecks {
public:
    // The earliest moment pgBackRest restores to: the second after the oldest backup's end (it picks a backup whose
    // stop time, in whole seconds, is before the target). Invalid when the stanza holds no backup.
    static QDateTime earliest(const PitrInfo &info);
    static bool inWindow(const PitrInfo &info, const QDateTime &moment);
    // "<stanza>-<yyyyMMddTHHmmss>" of the moment in UTC: a side instance's default directory name.
    static QString defaultName(const QString &stanza, const QDateTime &moment);
    // $XDG_DATA_HOME/dbops/side, or /var/tmp/dbops-side when dbops runs as root and postgres cannot enter the
    // former (root's 0700 home); the data directory's folder is created then.
    static QString root();
    // `dataDir` empty: root()/defaultName(); `port` 0: the first free port from 5433 on.
    static SideCheck run(const QString &stanza, const QDateTime &moment, const QString &dataDir, int port);
    static int freePort();
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::SideCheck)
