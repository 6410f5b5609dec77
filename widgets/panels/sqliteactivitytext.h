#pragma once
// The Activity panel's "Locks & WAL" text for one SQLite store: journal and WAL state, who holds the files and
// the write lock, lock files, findings (words through ActivityPanel::tr).
#include "activity/sqlitepool.h"
#include "activity/walgrowth.h"

#include <QString>

namespace dbops::SqliteActivityText {
QString html(const SqlitePool &s);
// The warning over the stores' text when the WAL keeps growing across samples (checkpoint starvation).
QString walGrowthHtml(const WalGrowth &growth);
} // namespace dbops::SqliteActivityText
