#pragma once
// The deep check of a PostgreSQL backup (`dbops verify --scratch`): the archive restored into a new scratch
// database on a server the operator names, every manifest table's rows counted there, the scratch database
// dropped again whatever happens. Proves the archive restores, not just that it lists.
#include "connection/target.h"
#include "core/error.h"
#include "worker/opcontrol.h"

namespace dbops {

struct VerifyReport;

class PgScratchCheck {
public:
    // Adds problems to `report` (whose manifest lists the tables); `server`'s database is only used to connect.
    // An error when the check cannot run (no pg_restore; the scratch database cannot be created): the
    // backup is then neither passed nor failed.
    static Error run(VerifyReport &report, const Target &server, const OpControl &control);
};

} // namespace dbops
