#pragma once
// Roles shared by the console's item models. They carry meaning (how serious a row is), never a colour:
// the widgets decide what a severity looks like.
#include "core/severity.h"

#include <Qt>

namespace dbops {

namespace ItemRole {
enum : int {
    SeverityRole = Qt::UserRole + 1, // int(dbops::Severity) of the row
    SortRole,                        // a value that sorts naturally (bytes, time, level rank)
    PathRole,                        // absolute path of the row's file, when it has one
    TargetRole,                      // QVariant(dbops::Target)
    SubtitleRole,                    // a second, quieter line (e.g. a target's display form)
    KeyRole, // what names the row across refreshes (a pid, a queryid, an application), so a view keeps its selection
};
} // namespace ItemRole

} // namespace dbops
