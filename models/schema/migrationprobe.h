#pragma once
// Migration state of a target: one SQLite file, every SQLite store and .schema_version file of a data
// directory, or a PostgreSQL database; compared with the migrations folder chosen (MigrationsFolders::choose),
// else — for a SQLite store — with the one found beside it (MigrationsFolders::besideStore).
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/expected.h"
#include "schema/migrationsfolders.h"
#include "schema/migrationstate.h"

#include <QSqlDatabase>

namespace dbops {

class MigrationProbe {
public:
    // On an open connection (SQLite file or PostgreSQL database), in the calling thread.
    static Expected<MigrationReport> run(QSqlDatabase db, const Target &target, const MigrationsFolder &folder = {});
    // Opens what the target needs (in the calling thread), read-only.
    static Expected<MigrationReport> collect(const Target &target, const SessionOptions &options,
                                             const MigrationsFolder &folder = {});
};

} // namespace dbops
