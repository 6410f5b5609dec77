#include "core/severityjson.h"

namespace dbops {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return QStringLiteral("critical");
    case Severity::Warning: return QStringLiteral("warning");
    default: return QStringLiteral("ok");
    }
}

int severityExitCode(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return 2;
    case Severity::Warning: return 1;
    default: return 0;
    }
}

} // namespace dbops
