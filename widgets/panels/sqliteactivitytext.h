#pragma once
// The Activity panel's "Locks & WAL" text for one SQLite store: journal and WAL state, who holds the files and
// the write lock, lock files, findings (words through ActivityPanel::tr).
#include "activity/sqlitepool.h"

#include <QString>

namespace dbops::SqliteActivityText {
QString html(const SqlitePool &s);
} // namespace dbops::SqliteActivityText
