#pragma once
// The connect dialog's "Test connection": opens the target once the way the console would (a monitoring
// session: read-only, with its timeouts) and says in one line what answered — "PostgreSQL 15.8 at
// db:5432/trading", "SQLite 3.40.1: /srv/bot/trading.db" — or returns the Error that kept it from opening.
// Runs in the calling thread (a worker's); nothing is created or written.
//
//   files->submit("test connection", ConnectionTest::job(target), false);
//   // jobFinished(id, v): v.toString();  jobFailed(id, error)
#include "connection/target.h"
#include "core/expected.h"
#include "worker/jobcontext.h"

namespace dbops {

class ConnectionTest {
public:
    static Expected<QString> run(const Target &target);
    static Job job(const Target &target); // QVariant(QString) or QVariant(Error)
};

} // namespace dbops
