#pragma once
// The SQL side of retention on one open connection (SQLite or PostgreSQL): resolve a policy against the
// catalog, measure it (dry run), and delete one batch — archiving exactly the deleted rows in the same
// transaction. Runs in the thread that owns the connection. Texts in resources/sql/<dialect>/cleanup_*.sql.
#include "cleanup/retentiontable.h"
#include "core/expected.h"

#include <QSqlDatabase>

namespace dbops {

class RetentionStore {
public:
    RetentionStore(const QSqlDatabase &db, bool postgres) : m_db(db), m_postgres(postgres) {}

    // `now`: the instant KEEP counts back from (kept by a resumed job so the cut-off does not move).
    Expected<RetentionTable> resolve(const RetentionPolicy &policy, const QDateTime &now) const;
    Expected<RetentionMeasure> measure(const RetentionTable &table, bool estimateSpace = true) const;
    // Deletes (and archives) up to `limit` expired rows in one short transaction; returns the rows deleted
    // (0 with the cursor unchanged: none left). A failed batch is rolled back whole. `cursor`: where the next batch
    // starts (SQLite rowid tables: a rowid, PostgreSQL: a ctid); invalid before the first batch. `lockedMs` (optional)
    // receives how long the batch held the write lock (SQLite rowid tables look for the batch's rows before taking it).
    Expected<qint64> deleteBatch(const RetentionTable &table, int limit, QVariant *cursor,
                                 qint64 *lockedMs = nullptr) const;

    static QString quote(const QString &identifier);

private:
    struct Column {
        QString name;
        QString type;
        int keyPart = 0; // SQLite: position in the primary key; PostgreSQL: 1 when a generated integer key
        bool notNull = false;
        bool hasDefault = false;
    };
    Expected<QList<Column>> columns(const QString &schema, const QString &table) const;
    Error archiveColumns(RetentionTable &t, const QList<Column> &source) const;
    QString text(const QString &name, const RetentionTable &t, int limit = 0) const;
    // One short transaction (BEGIN IMMEDIATE): the archive's INSERT (when archiveSql is not empty), then the
    // DELETE; rolled back whole unless both touched the same number of rows.
    Expected<qint64> transaction(const RetentionTable &t, const QString &archiveSql, const QVariantList &archiveBinds,
                                 const QString &deleteSql, const QVariantList &deleteBinds) const;
    Expected<qint64> deleteRange(const RetentionTable &t, int limit, QVariant *cursor, qint64 *lockedMs) const;

    QSqlDatabase m_db;
    bool m_postgres;
};

} // namespace dbops
