#pragma once
// Leftovers of interrupted writes in a backup folder: DurableFile's ".NAME.partial-PID-N" files (backups,
// safety backups, dumps, manifests) and a data directory backup's ".NAME.partial-PID" staging folder. A kill -9
// leaves them behind, each up to a store's size. One is stale when the process that wrote it is gone: its PID
// is not ours, is not a live dbops process (a reused PID belongs to another program), and no one holds the
// lock its writer takes on it (flock). The next backup into the folder and `prune` remove the stale ones; so
// does the next `restore --at` for its own scratch folders (MomentScratch, ".dbops-at.partial-PID-N"), and for
// those older dbops versions named ".dbops-at-XXXXXX" (no PID in the name: see oldScratchMayBeInUse).
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace dbops {

struct PartialFile {
    QString path;
    qint64 pid = -1;  // -1: an older version's scratch folder (no PID in its name)
    qint64 bytes = 0; // a folder: the bytes of the files in it
    bool folder = false;
};

class PartialFiles {
public:
    // The writer's PID in a partial name (".x.db.partial-123-0" or ".x.partial-123"); -1 when it is not one.
    static qint64 pidOf(const QString &fileName);
    // Our own PID, or a live process running a dbops program (/proc/PID/exe, else its argv[0]).
    static bool writerMayBeRunning(qint64 pid);
    // Someone holds the writer's lock on it (flock on the file or folder).
    static bool locked(const QString &path, bool folder);
    // restore --at's scratch folder as dbops named it before it was a partial: QTemporaryDir's ".dbops-at-XXXXXX"
    // (six letters or digits), made beside --to's file and removed when that command ended.
    static bool isOldScratchName(const QString &fileName);
    static QString oldScratchPattern(); // ".dbops-at-??????", narrowed by isOldScratchName
    // Such a folder, last changed at `changed`, may belong to a live process: one running a dbops program other
    // than this one's binary (an older version) that started before then. Its maker started before making it, and
    // the folder's modification time only moves on while it is used.
    static bool oldScratchMayBeInUse(const QDateTime &changed);
    // The stale partials directly in `dir` (none when it does not exist); `nameFilters` narrow them (a folder
    // that is not dbops's own, e.g. $TMPDIR: only names dbops gives, such as MomentScratch's).
    static QList<PartialFile> stale(const QString &dir, const QStringList &nameFilters = {});
    // Removes the stale partials of `dir`; returns those removed (one that cannot be removed is logged and
    // skipped: a sweep never fails the job that runs it).
    static QList<PartialFile> removeStale(const QString &dir, const QStringList &nameFilters = {});
};

} // namespace dbops
