#pragma once
// The audit table's move to the hash chain, and the chain's tip when a record is appended. Runs inside an
// open state.db connection (AuditLog's), under BEGIN IMMEDIATE so two processes never seal or chain at once.
#include "core/error.h"

#include <QPair>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace dbops {

struct AuditRecord;

class AuditSeal {
public:
    // Adds the chain's columns when they are missing and seals the records already there, as they are, in id
    // order (once: a trail that has the columns is never sealed again). Writes the head file after.
    static Error ensureChained(QSqlDatabase &db, const QString &path);
    // Inserts `record` (its fields already redacted) with its seals; the caller holds no transaction.
    static Error append(QSqlDatabase &db, const QString &path, AuditRecord record);
    // A row of the "recent"/"all" statements (id, at, os_user, …, prev_hash, hash).
    static AuditRecord fromRow(const QSqlQuery &q);
    // When the records written before the chain were sealed, and how many: {sealedAt ISO, count}.
    static QPair<QString, qint64> sealedBefore(QSqlDatabase &db);
};

} // namespace dbops
