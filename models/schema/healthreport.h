#pragma once
// Table health of a store as a value: per-table rows and sizes (plus PostgreSQL vacuum / scan statistics and
// data age), the engine's facts, and findings, each with a severity, the table, a stable code and a message
// naming the threshold used. Overall status: ok / warn / critical.
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QStringList>
#include <memory>

namespace dbops {

struct PgReplicationState; // schema/pgreplication.h

enum class FindingSeverity { Info, Warn, Critical };

struct HealthFinding {
    FindingSeverity severity = FindingSeverity::Info;
    QString table; // empty: the store as a whole
    QString code;  // stable: "duplicate_index", "fk_without_index", "no_primary_key", "no_index", "corrupt", …
    QString message;
    QString store; // data directory: the store's relative path (`table` then starts with "<store>:"); else empty

    static QString severityName(FindingSeverity s); // "info" | "warn" | "critical"
    QJsonObject toJson() const;
};

// A table's name without the "<store>:" prefix a data directory's report gives it ("" for the store itself).
QString bareTableName(const QString &name, const QString &store);

struct TableHealth {
    QString name;  // data directory: "<store relative path>:<table>"
    QString store; // data directory: the store's relative path, the prefix of `name`; else empty
    qint64 rows = -1;
    bool rowsExact = false;
    qint64 tableBytes = 0;
    qint64 indexBytes = 0;
    qint64 bytes() const { return tableBytes + indexBytes; }
    QString bareName() const; // bareTableName(name, store)

    // PostgreSQL (-1 / empty when not known)
    qint64 deadTuples = -1;
    double deadPercent = -1;
    QString lastVacuum, lastAutovacuum, lastAnalyze, lastAutoanalyze;
    qint64 seqScans = -1;
    qint64 idxScans = -1;

    // Data age, for tables with a time column
    QString timeColumn;
    QString oldest, newest; // ISO-8601 UTC
    qint64 lastWriteAgeS = -1;
    bool ageApproximate = false; // from the first / last rowid, not min / max of an unindexed column

    QJsonObject toJson() const;
};

struct HealthReport {
    QString engine;   // "sqlite" | "postgresql"
    QString location; // display form of the target
    QList<TableHealth> tables;
    QList<HealthFinding> findings;
    QJsonObject facts;     // journal_mode, page_size, freelist_count, auto_vacuum, xid_age, …
    QStringList checksRun; // "quick_check", "integrity_check", "foreign_key_check"
    // PostgreSQL: the archiving and replication state the facts "archive", "standbys", … were made from, so the
    // console shows it typed, without a second query; null for SQLite or when it could not be read.
    std::shared_ptr<const PgReplicationState> replication;

    void add(FindingSeverity severity, const QString &table, const QString &code, const QString &message);
    QString status() const; // "ok" | "warn" | "critical"
    int exitCode() const;   // 0 ok, 1 warn, 2 critical
    QJsonObject toJson() const;
    // Adds another store's tables and findings, table names prefixed "<prefix>:" (data directory).
    void merge(const HealthReport &other, const QString &prefix);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::HealthReport)
