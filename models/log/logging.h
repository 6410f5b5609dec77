#pragma once
// Logging is declared here, once: spdlog's default logger writes to a rotating file in the XDG state dir
// (5 MiB x 3), to stderr for the CLI (warnings and up unless verbose), and to the in-memory LogBuffer that
// feeds the GUI's log panel. Every message passes through Redact first; Qt's own messages are routed in.
#include <QString>

namespace dbops {

class LogBuffer;

class Logging {
public:
    enum class Mode { Cli, Gui };
    static void setup(Mode mode, bool verbose = false);
    static LogBuffer *buffer();
    static QString file();
};

} // namespace dbops
