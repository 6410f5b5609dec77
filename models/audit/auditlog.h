#pragma once
// The trail of operator actions (backup, restore, cleanup, cancel/terminate…) in the console's own SQLite
// state file ($XDG_DATA_HOME/dbops/state.db). Opened per call in the calling thread (a worker), so any
// worker can record what it did. Parameters are redacted before they are stored.
#include "core/expected.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <functional>

class QSqlDatabase;

namespace dbops {

struct AuditRecord {
    qint64 id = 0;
    QDateTime at;   // UTC; filled by append() when null
    QString osUser; // filled by append() when empty
    QString target; // Target::display()
    QString action; // "backup", "restore", "cleanup", "terminate", …
    QString parameters;
    QString outcome; // "ok", "failed", "cancelled", "refused"
    QString detail;
};

class AuditLog {
public:
    explicit AuditLog(const QString &databasePath = {}); // default: Paths::stateDatabase()
    Error append(const AuditRecord &record) const;
    Expected<QList<AuditRecord>> recent(int limit = 200) const;
    const QString &path() const { return m_path; }
    static QString currentOsUser();

private:
    Error withConnection(const std::function<Error(QSqlDatabase &)> &work) const;
    QString m_path;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::AuditRecord)
