#pragma once
// The side instances dbops has made on this workstation, for `dbops side-instance --list` and the console: one
// small file per instance under the state directory naming its data directory. The marker in the data directory
// stays the truth: an entry whose directory lost its marker (removed by hand) is dropped when listed.
#include "core/expected.h"
#include "pitr/sideinstance.h"

#include <QList>

namespace dbops {

struct SideInstanceEntry {
    SideInstanceMarker marker;
    bool running = false;
    // data_directory, running, and the marker's made_by, port, source, stanza, restored_to, created_at
    QJsonObject toJson() const;
};

class SideInstanceRegistry {
public:
    // Remembers `dataDir` (after its marker is written).
    static Error add(const QString &dataDir);
    static void remove(const QString &dataDir);
    // Every remembered side instance whose marker is still there, oldest first.
    static QList<SideInstanceEntry> list();
    static QString directory();
};

} // namespace dbops
