#pragma once
// How the slow-query view is asked for: threshold, how many statements, in which order, since when.
#include "activity/statementbaseline.h"

#include <QString>
#include <QStringList>

namespace dbops {

struct SlowOptions {
    double thresholdMs = 100;
    int top = 20;
    QString order = QStringLiteral("total");     // "total" | "mean" | "calls"
    const StatementBaseline *baseline = nullptr; // statements as deltas since it was taken
    QStringList sqliteProbes;                    // SQLite: the operator's own probe queries (added to the defaults)
    bool sqliteDefaultProbes = true;
    qint64 largeTableRows = 10000; // SQLite: a full scan of a table this big is a finding

    static bool isValidOrder(const QString &order);
};

} // namespace dbops
