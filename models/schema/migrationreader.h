#pragma once
// Reads what every migration tool it recognises has recorded in one store (SQLite file or PostgreSQL
// database): the seed-003 style schema_migrations, golang-migrate, Rails, Flyway, Liquibase, Alembic,
// Django, knex, Prisma, node-pg-migrate, TypeORM, Sequelize, Drizzle and SQLite's PRAGMA user_version.
// Several tools in one store give several states. Read-only: plain SELECTs on the tools' own tables.
#include "core/expected.h"
#include "schema/migrationstate.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace dbops {

class MigrationReader {
public:
    // A Liquibase lock held longer than this is reported as stale.
    static constexpr int kStaleLockMinutes = 5;

    // dialect: "sqlite" | "postgresql". `now` judges lock age.
    static Expected<QList<MigrationState>> read(QSqlDatabase db, const QString &dialect,
                                                const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace dbops
