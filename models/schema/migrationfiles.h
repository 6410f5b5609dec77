#pragma once
// The migration files of one tool in a folder the operator points at, keyed the way that tool keys its
// applied rows: "013" for 013_add_x.sql, "20240101120000" for Rails, "1.2" for Flyway's V1_2__x.sql, the file
// name for knex / Sequelize, "app.0003_x" for Django, the revision id for Alembic (with its down revisions),
// the folder name for Prisma, the journal's "when" for Drizzle. Checksums are computed the tool's way where it
// stores one (Flyway CRC32 of the lines, Prisma, Drizzle and a bot's schema_migrations SHA-256 of the file).
#include <QList>
#include <QStringList>

namespace dbops {

struct MigrationFile {
    QString version;
    QString name;
    QString file; // relative to the folder
    QString checksum;
    QStringList parents; // Alembic: down revisions

    // The file's name without folder and extension ("051_add_partial_indexes" for 051_add_partial_indexes.sql or
    // .up.sql): what a bot's runner records as the migration's name.
    QString stem() const;
};

class MigrationFiles {
public:
    // Empty when the folder holds no file of that tool's naming.
    static QList<MigrationFile> scan(const QString &folder, const QString &tool);
    // Flyway's checksum: CRC32 over each line's UTF-8 bytes (no line ends, BOM dropped), as a signed int.
    static qint32 flywayChecksum(const QByteArray &content);
};

} // namespace dbops
