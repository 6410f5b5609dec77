#pragma once
// The outcome of the last restore drill of a backup (`dbops drill`), kept in its manifest beside the last
// verification: when it ran, whether the scratch restore passed every check, how long the restore took, how many
// tables it held and whether their row counts matched the manifest. A backup whose last drill passed (and whose
// verification still holds) is "proven" in the catalog.
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace dbops {

struct DrillRecord {
    QDateTime at; // invalid: never drilled
    bool passed = false;
    qint64 restoreMs = 0;
    int tables = 0;
    bool countsMatch = false;
    QStringList problems;

    bool done() const { return at.isValid(); }
    QJsonObject toJson() const; // at, status ("passed" | "failed"), restore_s, tables, counts_match, problems
    static DrillRecord fromJson(const QJsonObject &object);
};

} // namespace dbops
