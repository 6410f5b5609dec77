#pragma once
// The private folder `restore --at` has Litestream write a replica's state into: beside the new file of
// `--to NEW` (the same file system, so the verified copy is renamed into place) or in $TMPDIR. Named as
// PartialFiles names the leftovers of interrupted writes (".dbops-at.partial-PID-N") and flock-held while this
// object lives, so that a killed restore's folder — up to a store's size — is found stale and removed by the next
// restore --at into the same place (and by `prune` in a backup folder), never one a running restore still uses
// (its PID is a live dbops process, or it holds the lock).
#include "core/error.h"
#include "ops/partialfiles.h"

#include <QString>

namespace dbops {

class MomentScratch {
public:
    // Removes the stale scratch folders of restores that died there, then makes a fresh one in `dir`.
    explicit MomentScratch(const QString &dir);
    // Beside `newPath` when given and possible, else in $TMPDIR.
    static MomentScratch besideOrTemp(const QString &newPath);
    ~MomentScratch(); // removes the folder unless release()d
    MomentScratch(MomentScratch &&other) noexcept;
    MomentScratch(const MomentScratch &) = delete;
    MomentScratch &operator=(const MomentScratch &) = delete;
    MomentScratch &operator=(MomentScratch &&) = delete;

    bool isValid() const { return !m_path.isEmpty(); }
    Error failure() const; // why it could not be made (Io, naming the folder)
    QString path() const { return m_path; }
    // Kept after this object (the GUI's plan waits for the operator; RestoreJobs::removeScratch ends it). Its
    // name still says whose it is: a live process's folder is never taken for a leftover.
    void release();

    // The stale scratch folders directly in `dir` (older versions' ".dbops-at-XXXXXX" too), removed; returns them.
    static QList<PartialFile> removeStale(const QString &dir);
    static QString namePattern(); // ".dbops-at.partial-*"

private:
    QString m_dir;
    QString m_path;
    int m_lockFd = -1;
};

} // namespace dbops
