#pragma once
// The trail of operator actions (backup, restore, cleanup, cancel/terminate…) in the console's own SQLite
// state file ($XDG_DATA_HOME/dbops/state.db). Opened per call in the calling thread (a worker), so any
// worker can record what it did. Parameters are redacted before they are stored. Each record is sealed into
// a hash chain (audit/auditchain.h); a trail written before the chain existed is sealed as it is, once, the
// first time this version opens it.
#include "core/expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantList>
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
    QString previousHash; // the chain (AuditChain): filled by append(), read back by recent()/all()
    QString hash;

    // id, at, os_user, target, action, parameters, outcome, detail, prev_hash, hash
    QJsonObject toJson() const;
};

struct AuditChainState;

class AuditLog {
public:
    explicit AuditLog(const QString &databasePath = {}); // default: Paths::stateDatabase()
    Error append(const AuditRecord &record) const;
    Expected<QList<AuditRecord>> recent(int limit = 200) const;
    // Every record, oldest first; `since` valid: only those at or after it.
    Expected<QList<AuditRecord>> all(const QDateTime &since = {}) const;
    // Walks the whole chain against the head file.
    Expected<AuditChainState> verify() const;
    const QString &path() const { return m_path; }
    static QString currentOsUser();

private:
    Error withConnection(const std::function<Error(QSqlDatabase &)> &work) const;
    Error query(const QString &sql, const QVariantList &binds, QList<AuditRecord> *records) const;
    QString m_path;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::AuditRecord)
