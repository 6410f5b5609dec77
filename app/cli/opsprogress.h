#pragma once
// Progress of backup/verify/restore on stderr for the CLI (one line, rewritten at most every 200 ms).
#include "ops/opcontrol.h"

namespace dbops::cli {

OpControl progressControl(bool show);

} // namespace dbops::cli
