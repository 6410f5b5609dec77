#include "ops/pgrestore.h"

#include "connection/connector.h"
#include "core/printable.h"
#include "dialect/sqltext.h"
#include "ops/lockwatchdog.h"
#include "ops/pgname.h"
#include "ops/pgtools.h"
#include "schema/datingcolumn.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <optional>

namespace dbops {

namespace {

const QLatin1String kDialect("postgresql");
constexpr int kRestoreLockTimeoutMs = 30000; // a forced restore waits this long for a bot's locks, then fails

QString sql(const char *name) { return SqlText::get(kDialect, QLatin1String(name)); }

// A string literal for a statement's text (no bind values where identifiers are spliced in: QPSQL turns
// every '?' outside apostrophes into a placeholder, including one inside a quoted table name).
QString literal(QString value)
{
    const bool escapes = value.contains(QLatin1Char('\\'));
    value.replace(QLatin1Char('\''), QLatin1String("''"));
    if (!escapes)
        return QLatin1Char('\'') + value + QLatin1Char('\'');
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    return QLatin1String("E'") + value + QLatin1Char('\'');
}

Expected<QVariant> scalar(const QSqlDatabase &db, const QString &text, const QVariantList &binds, const Target &target)
{
    QSqlQuery q(db);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = q.exec(text); // sent as it is: no placeholder conversion of the names it holds
    } else {
        q.prepare(text);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        ok = q.exec();
    }
    if (!ok)
        return Connector::classify(q.lastError(), target, QStringLiteral("query"));
    return q.next() ? q.value(0) : QVariant();
}

// The column that dates the table's rows (the one PgBackup recorded the newest value of: DatingColumn::pick)
// and its type, to compare values of it with the backup's newest.
struct TimeColumn {
    QString name;
    QString type;
};

TimeColumn timeColumn(const QSqlDatabase &db, const QString &schema, const QString &table)
{
    QSqlQuery q(db);
    q.prepare(sql("restore_columns"));
    q.addBindValue(schema);
    q.addBindValue(table);
    QList<QPair<QString, QString>> columns;
    if (q.exec())
        while (q.next())
            columns << qMakePair(q.value(0).toString(), q.value(1).toString());
    const QString name = DatingColumn::pick(columns);
    for (const auto &c : columns)
        if (c.first == name)
            return {c.first, c.second};
    return {};
}

QString migrationVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(sql("restore_migration_tables")) || !q.next())
        return {};
    const char *which = q.value(0).toBool()   ? "restore_schema_migrations"
                        : q.value(1).toBool() ? "restore_alembic_version"
                                              : nullptr;
    if (!which)
        return {};
    QSqlQuery v(db);
    return v.exec(sql(which)) && v.next() ? v.value(0).toString() : QString();
}

// What the restored tables received, as the server counted it (n_tup_ins - n_tup_del per table), keyed
// "schema.table". pg_restore's session reports its counts as it ends, which may come a moment after pg_restore
// has exited: read again for up to ~0.2 s until every table of the manifest agrees. A table that does not agree
// then (statistics off, a bot writing, a real loss) is counted with count(*) by the caller.
QHash<QString, qint64> receivedRows(const QSqlDatabase &db, const QList<TableRows> &tables)
{
    QHash<QString, qint64> rows;
    for (int attempt = 0; attempt < 10; ++attempt) {
        if (attempt > 0)
            QThread::msleep(20);
        QSqlQuery q(db);
        if (!q.exec(sql("restore_inserted_rows")))
            return {};
        rows.clear();
        while (q.next())
            rows.insert(q.value(0).toString(), q.value(1).toLongLong());
        if (std::all_of(tables.begin(), tables.end(),
                        [&](const TableRows &t) { return rows.value(t.name, -1) == t.rows; }))
            break;
    }
    return rows;
}

// Without the backup's keys (not readable without restoring it) the loss has two lower bounds: the rows newer
// than the backup's newest, and the growth in rows. A row back-dated or re-inserted after the backup, or one
// deleted since, hides from one or both: exact only when the two agree (as far as counts can tell).
void lossByCounts(TableImpact &ti)
{
    if (ti.rowsBackup == 0) { // an empty table in the backup: every row now goes
        ti.rowsLostEstimate = std::max<qint64>(0, ti.rowsNow);
        ti.lostIsExact = true;
        return;
    }
    const qint64 grown = std::max<qint64>(0, ti.rowsNow - ti.rowsBackup);
    ti.rowsLostEstimate = std::max(ti.rowsNewer, grown);
    ti.lostIsExact = ti.rowsNewer == grown;
}

// pg_restore itself, its progress from its --verbose lines, under the lock-wait watchdog: a restore the
// watchdog stopped fails with the watchdog's verdict (who holds the lock), not pg_restore's "canceling statement".
Error runPgRestore(const QString &program, const QStringList &args, const PgChildEnv &env,
                   const BackupManifest &manifest, const OpControl &control, LockWatchdog &watchdog)
{
    const int tables = std::max<int>(1, int(manifest.tables.size()));
    int loaded = 0;
    // 'processing data for table "public.order book"' (a name holding a newline ends the line early).
    static const QRegularExpression dataLine(QStringLiteral("processing data for table \"(.*?)\"?$"));
    control.report(0, tables, QStringLiteral("pg_restore"));
    Error e = PgTools::run(
        program, args, env, control,
        [&](const QString &line) {
            const auto m = dataLine.match(line);
            if (m.hasMatch())
                control.report(std::min(++loaded, tables), tables,
                               QStringLiteral("restoring %1").arg(Printable::name(m.captured(1))));
        },
        nullptr, -1, [&] { watchdog.poll(); });
    if (e && watchdog.fired()) {
        Error verdict = watchdog.verdict(QStringLiteral("pg_restore"));
        verdict.detail = e.detail;
        return verdict;
    }
    return e;
}

} // namespace

Expected<bool> PgRestore::databaseExists(const Target &target, const QString &name, const SessionOptions &options)
{
    ScopedConnection conn(target, options, QStringLiteral("restore-exists"));
    if (!conn.ok())
        return conn.error();
    auto n = scalar(conn.db(), sql("restore_database_exists"), {name}, target);
    if (!n)
        return n.error();
    return n->toInt() > 0;
}

Expected<RestoreImpact> PgRestore::impact(const Target &live, const BackupManifest &manifest,
                                          const SessionOptions &options, const OpControl &control)
{
    RestoreImpact impact;
    impact.backup.migrationVersion = manifest.migrationVersion;
    QMap<QString, TableImpact> rows;
    for (const TableRows &t : manifest.tables) {
        TableImpact ti;
        ti.name = t.name;
        ti.rowsBackup = t.rows;
        ti.newestBackup = t.newest;
        ti.note = QStringLiteral("only in the backup: created by the restore");
        rows.insert(t.name, ti);
    }
    if (live.isValid()) {
        SessionOptions readOnly = options;
        readOnly.mode = AccessMode::ReadOnly;
        readOnly.statementTimeoutMs = 0; // exact counts of big tables take their time
        ScopedConnection conn(live, readOnly, QStringLiteral("restore-impact"));
        if (!conn.ok())
            return conn.error();
        QSqlDatabase db = conn.db();
        // One snapshot for every count: the preview describes one moment.
        QSqlQuery(db).exec(SqlText::postgresql("common", "begin_snapshot"));
        impact.now.migrationVersion = migrationVersion(db);
        QSqlQuery tables(db);
        if (!tables.exec(sql("restore_tables")))
            return Connector::classify(tables.lastError(), live, QStringLiteral("list the tables of"));
        QList<QPair<QString, QString>> names;
        while (tables.next())
            names << qMakePair(tables.value(0).toString(), tables.value(1).toString());
        int done = 0;
        for (const auto &[schema, table] : names) {
            if (control.cancelled())
                return Error::make(ErrorCode::Cancelled, QStringLiteral("restore preview cancelled"));
            control.report(++done, names.size(), QStringLiteral("reading the live database"));
            const PgName pgName{schema, table};
            const QString name = pgName.key();
            TableImpact &ti = rows[name];
            const bool inBackup = ti.rowsBackup >= 0 || manifest.rowsOf(name) >= 0;
            ti.name = name;
            ti.note.clear();
            const QString from = pgName.sql();
            auto count = scalar(db, SqlText::postgresql("common", "count_rows", {{"table", from}}), {}, live);
            if (!count)
                return count.error();
            ti.rowsNow = count->toLongLong();
            const TimeColumn col = timeColumn(db, schema, table);
            ti.timestampColumn = col.name;
            if (!col.name.isEmpty()) {
                const QString c = PgName::quote(col.name);
                auto newest =
                    scalar(db, SqlText::postgresql("common", "max_text", {{"column", c}, {"table", from}}), {}, live);
                if (newest)
                    ti.newestNow = newest->toString();
                if (inBackup && !ti.newestBackup.isEmpty()) {
                    auto newer = scalar(db,
                                        SqlText::postgresql("restore_preview", "rows_newer_than",
                                                            {{"column", c},
                                                             {"table", from},
                                                             {"type", col.type},
                                                             {"literal", literal(ti.newestBackup)}}),
                                        {}, live);
                    if (newer) {
                        ti.rowsNewer = newer->toLongLong();
                    } else {
                        QSqlQuery(db).exec(SqlText::postgresql("common", "rollback"));
                        QSqlQuery(db).exec(SqlText::postgresql("common", "begin_snapshot"));
                    }
                }
            }
            if (!inBackup) {
                ti.note = QStringLiteral(
                    "not in the backup: kept as it is (pg_restore --clean drops only what the archive holds)");
                ti.rowsLostEstimate = 0;
                ti.lostIsExact = true;
            } else {
                lossByCounts(ti);
            }
        }
        QSqlQuery(db).exec(SqlText::postgresql("common", "rollback"));
    }
    impact.tables = rows.values();
    return impact;
}

Error PgRestore::restore(const Target &target, const QString &archive, const BackupManifest &manifest,
                         const QString &toDatabase, const SessionOptions &options, const OpControl &control)
{
    // One session for the preparations (the server's version; the new database), closed before pg_restore runs.
    std::optional<ScopedConnection> prep(std::in_place, target, options, QStringLiteral("restore-prepare"));
    if (!prep->ok())
        return prep->error();
    auto version = scalar(prep->db(), SqlText::postgresql("restore_preview", "server_version"), {}, target);
    if (!version)
        return version.error();
    const int archiveMajor = manifest.tools.value(QLatin1String("pg_dump_major")).toInt();
    auto tool = PgTools::find(QStringLiteral("pg_restore"), std::max(version->toInt() / 10000, archiveMajor));
    if (!tool)
        return tool.error();

    // pg_restore's session gets a name of its own, for the watchdog to find it by.
    SessionOptions child = options;
    child.applicationName = LockWatchdog::uniqueAppName(QStringLiteral("restore"));
    const int lockWaitMs = LockWatchdog::limitMs(kRestoreLockTimeoutMs);
    LockWatchdog watchdog(target, options, child.applicationName, lockWaitMs);
    if (Error e = watchdog.open())
        return e;
    PgInvocation invocation(target, child);
    if (Error e = invocation.prepare())
        return e;
    // Only until the archive's own SET lock_timeout = 0 (the watchdog keeps the limit after that).
    PgChildEnv env = invocation.environment();
    const QString lockTimeout = QStringLiteral("-c lock_timeout=%1").arg(lockWaitMs);
    env.vars.insert(QStringLiteral("PGOPTIONS"),
                    QString(env.vars.value(QStringLiteral("PGOPTIONS")) + QLatin1Char(' ') + lockTimeout).trimmed());

    QStringList args = invocation.connectionArgs(toDatabase);
    if (toDatabase.isEmpty())
        args << QStringLiteral("--clean") << QStringLiteral("--if-exists");
    args << QStringLiteral("--single-transaction") << QStringLiteral("--exit-on-error") << QStringLiteral("--verbose")
         << archive;

    if (!toDatabase.isEmpty()) {
        QSqlQuery q(prep->db());
        if (!q.exec(SqlText::postgresql("common", "create_database", {{"database", PgName::quote(toDatabase)}})))
            return Connector::classify(q.lastError(), target,
                                       QStringLiteral("create database \"%1\" on").arg(Printable::name(toDatabase)));
    }
    prep.reset();

    Error e = runPgRestore(tool->path, args, env, manifest, control, watchdog);
    if (e && !toDatabase.isEmpty()) {
        ScopedConnection conn(target, options, QStringLiteral("restore-drop"));
        if (conn.ok())
            QSqlQuery(conn.db()).exec(
                SqlText::postgresql("common", "drop_database", {{"database", PgName::quote(toDatabase)}}));
    }
    if (e && e.code != ErrorCode::Cancelled)
        e.message += toDatabase.isEmpty() ? QStringLiteral(" (rolled back: the database is unchanged)")
                                          : QStringLiteral(" (the new database was dropped again)");
    return e;
}

QStringList PgRestore::check(const Target &destination, const BackupManifest &manifest, const SessionOptions &options,
                             const OpControl &control, QStringList *moving)
{
    SessionOptions readOnly = options;
    readOnly.mode = AccessMode::ReadOnly;
    readOnly.statementTimeoutMs = 0;
    ScopedConnection conn(destination, readOnly, QStringLiteral("restore-check"));
    if (!conn.ok())
        return {conn.error().oneLine()};
    QStringList problems;
    const QHash<QString, qint64> received = receivedRows(conn.db(), manifest.tables);
    int done = 0;
    for (const TableRows &t : manifest.tables) {
        control.report(++done, manifest.tables.size(), QStringLiteral("counting rows of the restored database"));
        if (received.value(t.name, -1) == t.rows)
            continue; // the server counted exactly the backup's rows into this fresh table
        const PgName name = PgName::of(t);
        auto n =
            scalar(conn.db(), SqlText::postgresql("common", "count_rows", {{"table", name.sql()}}), {}, destination);
        if (!n)
            problems << QStringLiteral("cannot count rows of %1: %2").arg(name.display(), n.error().message);
        else if (n->toLongLong() != t.rows)
            (moving ? *moving : problems) << QStringLiteral("table %1 has %2 rows after the restore, the backup has %3")
                                                 .arg(name.display())
                                                 .arg(n->toLongLong())
                                                 .arg(t.rows);
    }
    return problems;
}

} // namespace dbops
