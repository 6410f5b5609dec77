#pragma once
// The engine-specific halves of RestoreDrill (drill.cpp): each restores into its scratch place, runs its checks
// there, fills the result and removes the scratch copy. An error only when the drill could not run.
#include "ops/drill.h"

namespace dbops::drill {

Error runSqlite(DrillResult &result, const DrillRequest &request, const OpControl &control);
Error runPostgres(DrillResult &result, const DrillRequest &request, const OpControl &control);

// Shared by both: the row counts found (result.tables) against the manifest's, as the "row_counts" check.
void compareCounts(DrillResult &result);
// A probe's outcome from what it returned: ok when it gave a row; `error` set: it did not run.
void addProbe(DrillResult &result, int index, const QString &sql, const QList<QVariantList> &rows,
              const QString &error);

} // namespace dbops::drill
