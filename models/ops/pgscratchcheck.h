#pragma once
// The deep check of a PostgreSQL backup (`dbops verify --scratch`): the archive restored into a new scratch
// database on a server the operator names, every manifest table's rows counted there, the scratch database
// dropped again whatever happens. Proves the archive restores, not just that it lists.
#include "connection/target.h"
#include "core/error.h"
#include "worker/opcontrol.h"

#include <functional>

namespace dbops {

struct VerifyReport;

class PgScratchCheck {
public:
    // Adds problems to `report` (whose manifest lists the tables); `server`'s database is only used to connect.
    // An error when the check cannot run (no pg_restore; the scratch database cannot be created): the
    // backup is then neither passed nor failed.
    // `inspect`, when given, is called after the rows were counted, before the drop: the scratch database's
    // target and how long pg_restore took (a restore drill runs its own checks there).
    using Inspect = std::function<void(const Target &scratch, qint64 restoreMs)>;
    static Error run(VerifyReport &report, const Target &server, const OpControl &control, const Inspect &inspect = {});
};

} // namespace dbops
