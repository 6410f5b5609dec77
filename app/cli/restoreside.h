#pragma once
// restore --side-instance: the PostgreSQL point-in-time restore into a side instance (cmd_restore_side.cpp),
// hooked into `dbops restore` by these two calls.
#include "command.h"

namespace dbops::cli {

void addSideInstanceOptions(QCommandLineParser &parser);
int runSideInstance(const Invocation &in);

} // namespace dbops::cli
