#pragma once
// The operator's own SQLite probe queries (the bot's hot statements), remembered per profile — or per store
// path / URI when the target is not a saved profile — in the console's state file, so that `dbops slow` and the
// Activity tab time them on every run next to the defaults from the schema.
#include "connection/target.h"
#include "core/expected.h"

#include <QStringList>

namespace dbops {

class ProbeStore {
public:
    explicit ProbeStore(const QString &stateFile = {}); // default: Paths::stateDatabase()
    // "profile:NAME" for a profile's target, else the target's spec.
    static QString keyFor(const Target &target);
    // Oldest first.
    Expected<QStringList> load(const Target &target) const;
    // Adds what is not there yet; a Usage error for an empty query.
    Error add(const Target &target, const QStringList &queries) const;
    Error remove(const Target &target, const QString &query) const;
    Error clear(const Target &target) const;

private:
    QString m_stateFile;
};

} // namespace dbops
