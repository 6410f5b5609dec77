#pragma once
// The demo bot's journal in trading.db: strategy signals and error_logs.
#include "core/error.h"
#include "demo/demomarket.h"
#include "demo/demooptions.h"

#include <QSqlDatabase>

namespace dbops {

class DemoRandom;

class DemoEvents {
public:
    // One signal per symbol every kSignalHours over `days`.
    static Error writeSignals(QSqlDatabase db, const QVector<DemoSeries> &market, const DemoOptions &opts,
                              DemoRandom &rng, const QString &path);
    // One error_logs row every kErrorLogHours over `days`, at a random moment inside its slot.
    static Error writeErrorLogs(QSqlDatabase db, const DemoOptions &opts, DemoRandom &rng, const QString &path);

    struct LogLine {
        const char *level;
        const char *source;
        const char *message;
    };
    // The kinds of lines the demo bot logs (the simulator draws from the same list).
    static const QVector<LogLine> &logLines();
};

} // namespace dbops
