#pragma once
// The fallback SQLite backup when Qt's SQLite and dbops' own are not the same library (SqliteLibraryCheck):
// `VACUUM INTO` the DurableFile's temporary name through a Qt connection (one read transaction, so a
// consistent snapshot under a writer), then the copy's checksum and row counts from the copy itself.
// Slower than the page copy (the copy is rebuilt and read twice) and cancellable only between its steps.
#include "core/expected.h"
#include "ops/sqlitesnapshot.h"
#include "worker/opcontrol.h"

namespace dbops {

class SqliteVacuumCopy {
public:
    static Expected<SqliteSnapshotInfo> copy(const QString &source, DurableFile &out, const OpControl &control);
};

} // namespace dbops
