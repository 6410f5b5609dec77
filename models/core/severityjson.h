#pragma once
// The words a Severity has in JSON and the exit code it maps to (Nagios: 0 ok, 1 warning, 2 critical).
#include "core/severity.h"

#include <QString>

namespace dbops {

QString severityName(Severity severity); // "ok" | "warning" | "critical"
int severityExitCode(Severity severity);

} // namespace dbops
