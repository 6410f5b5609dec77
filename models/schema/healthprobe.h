#pragma once
// Table health of a target: one SQLite file, every SQLite store of a data directory (tables named
// "<store relative path>:<table>", a store that cannot be read becomes a critical finding), or a PostgreSQL
// database. Runs in the calling thread; from the GUI, submit it to a DbWorker (needsConnection = false).
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "schema/healthoptions.h"
#include "schema/healthreport.h"
#include "worker/opcontrol.h"

namespace dbops {

class HealthProbe {
public:
    static Expected<HealthReport> collect(const Target &target, const SessionOptions &sessionOptions,
                                          const HealthOptions &options = {}, const OpControl &control = {});
};

} // namespace dbops
