#pragma once
// The audit trail as a hash chain (as in a transparency log): each record stores the SHA-256 of the previous
// record's seal and its own, over its canonical content, so editing or deleting a record breaks the chain.
// The newest seal is also kept outside the table (the head file beside state.db), so that deleting the newest
// records shows too. What it cannot show: someone who rewrites the table *and* the head file, recomputing every
// hash (the chain has no secret key); a chain is evidence against quiet edits, not against a hostile root.
#include "audit/auditlog.h"

#include <QJsonObject>

namespace dbops {

struct AuditHead {
    qint64 id = 0;
    QString hash;
    bool isValid() const { return id > 0 && !hash.isEmpty(); }
};

struct AuditChainState {
    bool whole = true;
    qint64 checked = 0;  // records walked
    qint64 brokenId = 0; // the first record where the chain breaks (0: whole)
    QDateTime brokenAt;  // its time (invalid when the record itself is gone)
    QString what;        // why, in words: "changed after it was written", "the record before it is missing", …
    QString sealedAt;    // when the records written before the chain were sealed (ISO, empty: none)
    qint64 sealedRecords = 0;

    QString oneLine() const; // "whole (N records)" or "broken at record N (TIME): WHAT"
    QJsonObject toJson() const;
};

class AuditChain {
public:
    static QString genesis(); // the previous seal of the first record: 64 zeros
    // SHA-256 (hex) over `previous` and the record's fields, each length-prefixed so no two records share one.
    static QString seal(const QString &previous, const AuditRecord &record);
    // Walks `records` (oldest first, the whole trail) against each record's stored seals and `head`.
    static AuditChainState verify(const QList<AuditRecord> &records, const AuditHead &head);

    // The head file of a trail: "<state.db>.audit-head", one line "<id> <hash>".
    static QString headFile(const QString &databasePath);
    static AuditHead readHead(const QString &databasePath);
    // Writes the head durably (temporary name, flush, rename) unless the file already names a newer record
    // (another process appended after us).
    static Error writeHead(const QString &databasePath, const AuditHead &head);
};

} // namespace dbops
