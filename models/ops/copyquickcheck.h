#pragma once
// SQLite's quick_check of a backup copy just written, on a thread of its own: it runs beside the hash and the
// flush that follow the copy (reading pages the copy left in the page cache), so a corrupt store is noticed
// for about the cost of the slowest of the three rather than their sum. The copy is page for page the
// store's snapshot, so what quick_check finds in it is in the store.
#include "core/canceltoken.h"
#include "core/expected.h"

#include <QString>
#include <QStringList>
#include <thread>

namespace dbops {

class CopyQuickCheck {
public:
    // Starts checking the complete SQLite file at `path` (opened immutable: no lock, no side file).
    CopyQuickCheck(const QString &path, const CancelToken &token);
    ~CopyQuickCheck(); // waits for the check: it reads the file, which may go once this is gone
    CopyQuickCheck(const CopyQuickCheck &) = delete;
    CopyQuickCheck &operator=(const CopyQuickCheck &) = delete;

    // Waits; what quick_check reported (empty: "ok"; at most a few lines), or the error that kept it from
    // finishing (Cancelled, or an I/O error of the copy).
    Expected<QStringList> result();

private:
    void run(const QString &path, const CancelToken &token);

    Expected<QStringList> m_result = QStringList();
    std::thread m_thread;
};

} // namespace dbops
