#include "schema/migrationreader.h"

#include "dialect/sqltext.h"
#include "schema/migrationrows.h"
#include "schema/versionorder.h"

#include <QSqlQuery>
#include <algorithm>
#include <functional>
#include <initializer_list>

namespace dbops {

namespace {

QString field(const MigrationRow &row, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        auto it = row.constFind(QLatin1String(n));
        if (it != row.constEnd() && !it->isNull())
            return MigrationRows::text(*it);
    }
    return {};
}

bool truthy(const QVariant &v)
{
    const QString s = v.toString().toLower();
    return s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("t");
}

// Highest version among the successfully applied entries.
QString maxVersion(const QList<MigrationEntry> &applied)
{
    QString best;
    for (const MigrationEntry &e : applied)
        if (e.success && (best.isEmpty() || VersionOrder::less(best, e.version)))
            best = e.version;
    return best;
}

// A bot's runner that records the file name ("051_add_partial_indexes", version "051") lets several files share
// a version: the newest applied name is then the current migration. A runner that records a description keeps
// the version.
QString currentOfNamed(const QList<MigrationEntry> &applied)
{
    for (const MigrationEntry &e : applied) {
        const QString sep = e.name.mid(e.version.size(), 1);
        if (e.version.isEmpty() || !e.name.startsWith(e.version) ||
            (sep != QLatin1String("_") && sep != QLatin1String("-")))
            return maxVersion(applied);
    }
    QString best;
    for (const MigrationEntry &e : applied)
        if (e.success && (best.isEmpty() || VersionOrder::less(best, e.name)))
            best = e.name;
    return best;
}

// Rows in the tool's applied order (its id / rank / order column), keeping stored order when none.
void sortBy(QList<MigrationRow> &rows, const char *column)
{
    std::stable_sort(rows.begin(), rows.end(), [column](const MigrationRow &a, const MigrationRow &b) {
        return a.value(QLatin1String(column)).toLongLong() < b.value(QLatin1String(column)).toLongLong();
    });
}

MigrationEntry entry(const QString &version, const QString &name, const QString &at, const QString &checksum = {},
                     bool success = true)
{
    MigrationEntry e;
    e.version = version;
    e.name = name;
    e.appliedAt = at;
    e.checksum = checksum;
    e.success = success;
    return e;
}

struct Context {
    QSqlDatabase db;
    QString dialect;
    QDateTime now;
    QList<TableRef> tables;

    const TableRef *find(const char *name) const
    {
        for (const TableRef &t : tables)
            if (t.name.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return &t;
        return nullptr;
    }
};

MigrationState schemaMigrations(const Context &ctx, const MigrationTable &t)
{
    MigrationState s;
    if (t.hasColumn("dirty")) {
        s.tool = QStringLiteral("golang-migrate");
        for (const MigrationRow &r : t.rows) {
            s.applied << entry(field(r, {"version"}), {}, {});
            s.dirty = s.dirty || truthy(r.value(QStringLiteral("dirty")));
        }
        s.current = maxVersion(s.applied);
        if (s.dirty) {
            s.failed << entry(s.current, QStringLiteral("dirty"), {}, {}, false);
            s.notes << QStringLiteral("version %1 is dirty: a migration failed half-way; fix the schema by hand, "
                                      "then `migrate force` the right version")
                           .arg(s.current);
        }
        return s;
    }
    const bool rails = ctx.find("ar_internal_metadata") || t.columns == QStringList{QStringLiteral("version")};
    s.tool = rails ? QStringLiteral("rails") : QStringLiteral("schema_migrations");
    QList<MigrationRow> rows = t.rows;
    if (t.hasColumn("id"))
        sortBy(rows, "id");
    for (const MigrationRow &r : rows) {
        const bool ok = !t.hasColumn("success") || truthy(r.value(QStringLiteral("success")));
        s.applied << entry(field(r, {"version"}), field(r, {"name", "description", "filename"}),
                           field(r, {"applied_at", "executed_at", "installed_on", "created_at", "run_at"}),
                           field(r, {"checksum", "hash", "md5"}), ok);
    }
    s.current = currentOfNamed(s.applied);
    return s;
}

MigrationState flyway(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("flyway");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "installed_rank");
    for (const MigrationRow &r : rows) {
        const QString type = field(r, {"type"});
        if (type == QLatin1String("SCHEMA") || type == QLatin1String("BASELINE") ||
            type.startsWith(QLatin1String("UNDO")))
            continue;
        QString version = field(r, {"version"});
        if (version.isEmpty()) // repeatable migration: keyed by its script
            version = field(r, {"script"});
        s.applied << entry(version, field(r, {"description"}), field(r, {"installed_on"}), field(r, {"checksum"}),
                           truthy(r.value(QStringLiteral("success"))));
    }
    for (const MigrationEntry &e : s.applied)
        if (!e.success)
            s.failed << e;
    QList<MigrationEntry> versioned;
    for (const MigrationEntry &e : s.applied)
        if (!e.version.isEmpty() && e.version.front().isDigit())
            versioned << e;
    s.current = maxVersion(versioned);
    return s;
}

MigrationState liquibase(const Context &ctx, const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("liquibase");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "orderexecuted");
    for (const MigrationRow &r : rows) {
        const QString exec = field(r, {"exectype"});
        MigrationEntry e = entry(field(r, {"id"}), field(r, {"filename"}), field(r, {"dateexecuted"}),
                                 field(r, {"md5sum"}), exec != QLatin1String("FAILED"));
        s.applied << e;
        if (!e.success)
            s.failed << e;
    }
    if (!s.applied.isEmpty())
        s.current = s.applied.last().version; // change sets have ids, not ordered versions: the last one run
    if (const TableRef *lock = ctx.find("databasechangeloglock")) {
        auto lt = MigrationRows::read(ctx.db, ctx.dialect, *lock);
        if (lt) {
            for (const MigrationRow &r : lt->rows) {
                if (!truthy(r.value(QStringLiteral("locked"))))
                    continue;
                s.locked = true;
                const QDateTime granted = r.value(QStringLiteral("lockgranted")).toDateTime();
                const qint64 ageS = granted.isValid() ? granted.secsTo(ctx.now) : -1;
                s.lockStale = ageS < 0 || ageS > MigrationReader::kStaleLockMinutes * 60;
                s.lockNote = QStringLiteral("DATABASECHANGELOGLOCK held by %1 since %2%3")
                                 .arg(field(r, {"lockedby"}), field(r, {"lockgranted"}),
                                      s.lockStale ? QStringLiteral(" (stale: held longer than %1 min; if no "
                                                                   "Liquibase runs, `liquibase releaseLocks`)")
                                                        .arg(MigrationReader::kStaleLockMinutes)
                                                  : QString());
            }
        }
    }
    return s;
}

MigrationState alembic(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("alembic");
    for (const MigrationRow &r : t.rows) {
        const QString v = field(r, {"version_num"});
        s.heads << v;
        s.applied << entry(v, {}, {});
    }
    s.heads.sort();
    s.current = s.heads.join(QStringLiteral(", "));
    if (s.heads.size() > 1)
        s.notes << QStringLiteral("%1 heads applied (a branched revision graph)").arg(s.heads.size());
    return s;
}

MigrationState django(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("django");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "id");
    for (const MigrationRow &r : rows)
        s.applied << entry(field(r, {"app"}) + QLatin1Char('.') + field(r, {"name"}), field(r, {"name"}),
                           field(r, {"applied"}));
    if (!s.applied.isEmpty())
        s.current = s.applied.last().version;
    return s;
}

MigrationState knex(const Context &ctx, const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("knex");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "id");
    for (const MigrationRow &r : rows)
        s.applied << entry(field(r, {"name"}), QStringLiteral("batch %1").arg(field(r, {"batch"})),
                           field(r, {"migration_time"}));
    if (!s.applied.isEmpty())
        s.current = s.applied.last().version;
    if (const TableRef *lock = ctx.find("knex_migrations_lock")) {
        auto lt = MigrationRows::read(ctx.db, ctx.dialect, *lock);
        if (lt)
            for (const MigrationRow &r : lt->rows)
                if (truthy(r.value(QStringLiteral("is_locked")))) {
                    s.locked = true;
                    s.lockStale = true; // knex keeps no time: a lock seen while no migration runs is left over
                    s.lockNote = QStringLiteral("knex_migrations_lock.is_locked = 1 (if no migration runs now, "
                                                "`knex migrate:unlock`)");
                }
    }
    return s;
}

MigrationState prisma(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("prisma");
    QList<MigrationRow> rows = t.rows;
    std::stable_sort(rows.begin(), rows.end(), [](const MigrationRow &a, const MigrationRow &b) {
        return MigrationRows::text(a.value(QStringLiteral("started_at"))) <
               MigrationRows::text(b.value(QStringLiteral("started_at")));
    });
    for (const MigrationRow &r : rows) {
        const bool finished = !r.value(QStringLiteral("finished_at")).isNull();
        const bool rolledBack = !r.value(QStringLiteral("rolled_back_at")).isNull();
        MigrationEntry e = entry(field(r, {"migration_name"}), field(r, {"migration_name"}),
                                 field(r, {"finished_at", "started_at"}), field(r, {"checksum"}), finished);
        if (rolledBack)
            continue; // rolled back: as if never applied (prisma migrate resolve --rolled-back)
        if (!finished)
            s.failed << e;
        else
            s.applied << e;
    }
    s.current = maxVersion(s.applied);
    return s;
}

MigrationState simpleNamed(const char *tool, const MigrationTable &t, const char *order, const char *at)
{
    MigrationState s;
    s.tool = QLatin1String(tool);
    QList<MigrationRow> rows = t.rows;
    if (order)
        sortBy(rows, order);
    for (const MigrationRow &r : rows)
        s.applied << entry(field(r, {"name"}), field(r, {"name"}), at ? field(r, {at}) : QString());
    s.current = maxVersion(s.applied);
    return s;
}

MigrationState typeorm(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("typeorm");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "id");
    for (const MigrationRow &r : rows)
        s.applied << entry(field(r, {"timestamp"}), field(r, {"name"}), {});
    s.current = maxVersion(s.applied);
    return s;
}

MigrationState drizzle(const MigrationTable &t)
{
    MigrationState s;
    s.tool = QStringLiteral("drizzle");
    QList<MigrationRow> rows = t.rows;
    sortBy(rows, "id");
    for (const MigrationRow &r : rows) {
        const QString when = field(r, {"created_at"});
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(when.toLongLong(), Qt::UTC);
        s.applied << entry(when, {}, at.toString(Qt::ISODateWithMs), field(r, {"hash"}));
    }
    s.current = maxVersion(s.applied);
    return s;
}

Expected<MigrationState> readTool(const Context &ctx, const TableRef &ref,
                                  const std::function<MigrationState(const MigrationTable &)> &build)
{
    auto t = MigrationRows::read(ctx.db, ctx.dialect, ref);
    if (!t)
        return t.error();
    MigrationState s = build(t.value());
    s.table = ref.display();
    return s;
}

MigrationState unreadableTool(const char *tool, const TableRef &ref, const Error &error)
{
    MigrationState s;
    s.tool = QLatin1String(tool);
    s.table = ref.display();
    s.unreadable = error.oneLine();
    return s;
}

} // namespace

Expected<QList<MigrationState>> MigrationReader::read(QSqlDatabase db, const QString &dialect, const QDateTime &now)
{
    auto tables = MigrationRows::tables(db, dialect);
    if (!tables)
        return tables.error();
    Context ctx{db, dialect, now, tables.value()};
    QList<MigrationState> result;
    Error firstError;
    // `tool`: what the table's name alone tells, for a table that cannot be read.
    auto add = [&](const char *table, const char *tool,
                   const std::function<MigrationState(const MigrationTable &)> &build) {
        const TableRef *ref = ctx.find(table);
        if (!ref)
            return;
        auto s = readTool(ctx, *ref, build);
        if (s)
            result << s.value();
        else if (MigrationRows::permissionDenied(s.error()))
            result << unreadableTool(tool, *ref, s.error());
        else if (!firstError)
            firstError = s.error();
    };
    add("schema_migrations", "schema_migrations", [&](const MigrationTable &t) { return schemaMigrations(ctx, t); });
    add("flyway_schema_history", "flyway", flyway);
    add("databasechangelog", "liquibase", [&](const MigrationTable &t) { return liquibase(ctx, t); });
    add("alembic_version", "alembic", alembic);
    add("django_migrations", "django", django);
    add("knex_migrations", "knex", [&](const MigrationTable &t) { return knex(ctx, t); });
    add("_prisma_migrations", "prisma", prisma);
    add("pgmigrations", "node-pg-migrate",
        [](const MigrationTable &t) { return simpleNamed("node-pg-migrate", t, "id", "run_on"); });
    add("sequelizemeta", "sequelize",
        [](const MigrationTable &t) { return simpleNamed("sequelize", t, nullptr, nullptr); });
    add("__drizzle_migrations", "drizzle", drizzle);
    if (const TableRef *ref = ctx.find("migrations")) {
        auto t = MigrationRows::read(db, dialect, *ref);
        if (t && t->hasColumn("timestamp") && t->hasColumn("name")) {
            MigrationState s = typeorm(t.value());
            s.table = ref->display();
            result << s;
        }
    }
    if (dialect == QLatin1String("sqlite")) {
        QSqlQuery q(db);
        const QString userVersion = SqlText::get(dialect, QStringLiteral("schema_user_version")); // also the label
        if (q.exec(userVersion) && q.next() && q.value(0).toLongLong() != 0) {
            MigrationState s;
            s.tool = QStringLiteral("user_version");
            s.table = userVersion;
            s.current = q.value(0).toString();
            result << s;
        }
    }
    if (result.isEmpty() && firstError)
        return firstError;
    return result;
}

} // namespace dbops
