#pragma once
// Which processes hold given files open (Linux /proc/<pid>/fd). Processes of other users cannot be looked
// into without privileges: they are counted, so "no holder found" can say how much it could not see.
#include <QList>
#include <QStringList>

namespace dbops {

struct FileHolder {
    qint64 pid = 0;
    QString command;     // /proc/<pid>/comm
    QString commandLine; // /proc/<pid>/cmdline, arguments joined by spaces (shortened)
    QStringList files;   // which of the asked files it holds
    bool isSelf = false; // this process (the console itself)
};

struct HolderScan {
    QList<FileHolder> holders; // by pid
    int unreadableProcesses = 0;
    bool supported = true; // false when /proc is not there (not Linux)
};

class ProcScan {
public:
    // `files` are compared after resolving symlinks; missing files are simply never matched.
    static HolderScan holders(const QStringList &files);
};

} // namespace dbops
