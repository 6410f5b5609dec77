#pragma once
// A migrations folder and schema_migrations table shaped like the CTS bot's (seed 003): 70 files for versions
// 001-056, several versions shared by two files (051_add_partial_indexes.sql, 051_add_performance_indexes.sql);
// each row keyed by name (the file name without .sql), version its first three characters, checksum the
// SHA-256 hex of the file's bytes when applied. Cases alter one file of a shared version after the fact.
#include <QList>
#include <QString>
#include <QStringList>

namespace dbops::test {

struct CtsCase {
    const char *label;
    QString deleteFile;  // removed from the folder after it was applied
    QString editFile;    // its bytes changed after it was applied
    QString notApplied;  // never applied (no row)
    QStringList missing; // expected names in missing_files
    QStringList changed; // expected names in changed
    QStringList pending; // expected names in pending
    QStringList outOfOrder;
};

class CtsMigrations {
public:
    static QStringList fileNames(); // in the runner's order (by name)
    static QList<CtsCase> cases();
    // Writes every file into `dir` (created), then applies the case's changes to the folder.
    static bool writeFolder(const QString &dir, const CtsCase &c);
    // CREATE TABLE schema_migrations and its rows (every file but c.notApplied), for "sqlite" | "postgresql".
    static QStringList statements(const QString &dialect, const CtsCase &c);
    static QString newestName() { return QStringLiteral("056_retention_policies"); }
};

} // namespace dbops::test
