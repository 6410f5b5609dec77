#pragma once
// The record of a retention job in progress, kept in the state dir while it runs: which store, which policies
// and the instant their cut-offs count back from. Removed when the job finishes; left behind by a cancel, a
// failure or a kill, so that a resume deletes exactly what the interrupted job set out to delete.
#include "connection/target.h"
#include "core/error.h"
#include "core/retentionpolicy.h"

#include <QDateTime>
#include <QMap>
#include <optional>

namespace dbops {

struct RetentionJournal {
    QString target; // Target::display()
    QDateTime now;  // the cut-offs' reference instant
    QDateTime startedAt;
    QStringList policies;          // specs
    QMap<QString, qint64> deleted; // per table, so far (at least)

    static QString pathFor(const Target &target); // Paths::stateDir()/cleanup/<hash>.json
    static std::optional<RetentionJournal> load(const Target &target);
    Error save(const Target &target) const; // atomically (temporary name, rename)
    static void remove(const Target &target);
};

} // namespace dbops
