#pragma once
// Compares what a tool recorded with the files of a migrations folder: pending (file not applied), missing
// (applied, no file), changed (stored checksum differs from the file's), out of order (pending yet older than
// the newest applied version of its group). Alembic walks the revision graph from every applied head; Django
// compares per app. A bot's schema_migrations whose rows name their files (several files may share a version)
// is matched and ordered by name; by version when no stored name is a file's. Django rows of apps that have no
// migrations in the folder (Django's own auth, contenttypes, admin, sessions…, or an installed package's) are
// not missing files: their migrations live in the installed packages, not in the project.
#include "schema/migrationfiles.h"
#include "schema/migrationsfolders.h"
#include "schema/migrationstate.h"

namespace dbops {

class MigrationCompare {
public:
    // Scans `folder` for the tool's files; when there are none, only adds a note.
    static void withFolder(MigrationState &state, const MigrationsFolder &folder);
    static void compare(MigrationState &state, const QList<MigrationFile> &files);
};

} // namespace dbops
