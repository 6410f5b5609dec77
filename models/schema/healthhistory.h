#pragma once
// Table sizes over time: each health scan appends one snapshot (time, total bytes, bytes and rows per table)
// as a JSON line to $XDG_STATE_HOME/dbops/health-history/<target>.jsonl, so the growth chart survives restarts.
#include "connection/target.h"
#include "core/error.h"
#include "schema/healthreport.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>

namespace dbops {

struct HealthSnapshot {
    QDateTime at;
    qint64 totalBytes = 0;
    QHash<QString, qint64> tableBytes;
    QHash<QString, qint64> tableRows;
};

class HealthHistory {
public:
    explicit HealthHistory(const QString &file);
    // The history file of a target (named by a hash of its spec, never holding a password).
    static QString fileFor(const Target &target);
    const QString &file() const { return m_file; }

    Error append(const HealthReport &report, const QDateTime &at = QDateTime::currentDateTimeUtc());
    // The newest `maxPoints` snapshots, oldest first; lines that do not parse are skipped.
    QList<HealthSnapshot> load(int maxPoints = 1000) const;

private:
    QString m_file;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::HealthSnapshot)
