#pragma once
// compare --table T --copy-back (cmd_compare_back.cpp): its options and its run, called by `dbops compare`.
#include "command.h"

namespace dbops::cli {

void addCopyBackOptions(QCommandLineParser &parser);
int runCopyBack(const Invocation &in, const Target &other);

} // namespace dbops::cli
