#pragma once
// The status board's verdict: one row per concern (connections, queries, writer, WAL, health, migrations,
// backup, continuous protection, disk), each ok / warning / critical with the reason in words and one value,
// and the worst of them. What `dbops status` prints and the Overview's board shows.
#include "core/error.h"
#include "core/severity.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

namespace dbops {

// Ordered by how much it asks of the operator: the worst state is the largest.
enum class CheckState {
    Ok,
    Neutral, // not set up, nothing to judge (continuous protection until it exists): shown grey, counts as ok
    Unknown, // could not be read (e.g. /proc unreadable): counts as a warning for the exit code
    Warning,
    Critical,
};

struct StatusCheck {
    QString name; // stable key: "connections", "queries", "writer", "wal", "health", "migrations", "backup",
                  // "restore_drill", "protection", "store_disk", "backup_disk"
    CheckState state = CheckState::Unknown;
    QString reason;   // one sentence for an operator
    QJsonValue value; // the figure the state was judged on (a number, or null when there is none)
    QString unit;     // "percent" | "count" | "seconds" | "bytes" | "" (no figure)
    QString panel;    // where the console explains it: "activity", "health", "migrations", "backups", "cleanup"

    // A row not judged yet (state Unknown), named with its key, its panel and the unit of its value.
    static StatusCheck named(const QString &name, const QString &panel, const QString &unit);
    static QString stateName(CheckState state); // "ok" (also Neutral) | "unknown" | "warning" | "critical"
    static Severity severity(CheckState state); // how the widgets colour it
    static int exitCode(CheckState state);      // 0 ok / neutral, 1 unknown / warning, 2 critical
    QJsonObject toJson() const;                 // name, state, reason, value, unit, panel (+ neutral: true)
};

struct StatusBoard {
    QString target;  // the target's display form (no password)
    QString profile; // the saved profile it came from, or empty
    QString engine;  // "sqlite" | "postgresql"
    QList<StatusCheck> checks;
    Error error; // the target could not be reached or used: no checks, exit 3

    CheckState worst() const;
    int exitCode() const; // the worst state's, or exitCodeFor(error)
    const StatusCheck *find(const QString &name) const;
    // One line per concern that is not ok: "backup: no backup of this store" (for a tooltip).
    QStringList problems() const;
    QJsonObject toJson() const; // target, profile, engine, worst, checks[] (or error{code, message, hint})
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::StatusBoard)
