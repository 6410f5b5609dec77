#pragma once
// Progress of backup/verify/restore on stderr for the CLI: on a terminal one line rewritten at most every
// 200 ms; in a log or pipe one line per step.
#include "worker/opcontrol.h"

namespace dbops::cli {

OpControl progressControl(bool show);

} // namespace dbops::cli
