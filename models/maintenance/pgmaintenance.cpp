#include "maintenance/pgmaintenance.h"

#include "connection/connector.h"
#include "dialect/sqltext.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <algorithm>
#include <atomic>
#include <memory>

namespace dbops {

namespace {

const QString kDialect = QStringLiteral("postgresql");

SessionOptions monitorOptions(const SessionOptions &from)
{
    SessionOptions o = SessionOptions::monitor();
    o.password = from.password;
    o.connectTimeoutS = from.connectTimeoutS;
    return o;
}

Expected<StoreSizes> databaseSize(QSqlDatabase db, const Target &target, int *version = nullptr)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(kDialect, QStringLiteral("maintenance_database"))) || !q.next())
        return Connector::classify(q.lastError(), target, QStringLiteral("read the size of"));
    StoreSizes s;
    s.databaseBytes = q.value(0).toLongLong();
    if (version)
        *version = q.value(1).toInt();
    return s;
}

// Resolves `name` as PostgreSQL would; NotFound / Usage when it is no table.
Expected<TableSizes> tableSizes(QSqlDatabase db, const Target &target, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(SqlText::get(kDialect, QStringLiteral("maintenance_table_sizes")));
    q.addBindValue(name);
    if (!q.exec())
        return Connector::classify(q.lastError(), target, QStringLiteral("look up table %1 on").arg(name));
    if (!q.next())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no table \"%1\" in %2").arg(name, target.display()),
                           QStringLiteral("name it as schema.table, e.g. public.candles"));
    const QString kind = q.value(4).toString();
    if (kind != QLatin1String("r") && kind != QLatin1String("m") && kind != QLatin1String("p"))
        return Error::make(ErrorCode::Usage, QStringLiteral("\"%1\" is not a table").arg(name),
                           QStringLiteral("vacuum, analyze and reindex work on tables (use --index for an index)"));
    TableSizes t;
    t.table = q.value(0).toString();
    t.bytes = q.value(1).toLongLong();
    t.liveRows = q.value(2).toLongLong();
    t.deadRows = q.value(3).toLongLong();
    return t;
}

Expected<QString> indexName(QSqlDatabase db, const Target &target, const QString &name, QString *table)
{
    QSqlQuery q(db);
    q.prepare(SqlText::get(kDialect, QStringLiteral("maintenance_index")));
    q.addBindValue(name);
    if (!q.exec())
        return Connector::classify(q.lastError(), target, QStringLiteral("look up index %1 on").arg(name));
    if (!q.next())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no index \"%1\" in %2").arg(name, target.display()),
                           QStringLiteral("name it as schema.index"));
    *table = q.value(1).toString();
    return q.value(0).toString();
}

QStringList invalidIndexes(QSqlDatabase db, const QString &table)
{
    QSqlQuery q(db);
    q.prepare(SqlText::get(kDialect, QStringLiteral("maintenance_invalid_indexes")));
    q.addBindValue(table);
    QStringList names;
    if (q.exec())
        while (q.next())
            names << q.value(0).toString();
    return names;
}

// A statement of the plan, unmarked: the operator sees it before it runs (runStatements marks it).
QString statement(const char *key, const QHash<QString, QString> &values = {})
{
    return SqlText::fill(SqlText::plain(kDialect, QStringLiteral("maintenance"), QLatin1String(key)), values);
}

Error buildStatements(MaintenancePlan &plan, QSqlDatabase db, int version)
{
    const MaintenanceRequest &r = plan.request;
    switch (r.op) {
    case MaintenanceOp::Vacuum:
    case MaintenanceOp::Analyze: {
        const bool vacuum = r.op == MaintenanceOp::Vacuum;
        if (plan.tables.isEmpty())
            plan.statements << statement(vacuum ? "vacuum" : "analyze");
        for (const QString &t : plan.tables)
            plan.statements << statement(vacuum ? "vacuum_table" : "analyze_table", {{"table", t}});
        if (r.op == MaintenanceOp::Vacuum)
            plan.warnings << QStringLiteral("plain VACUUM (not FULL): the bot keeps reading and writing; freed space "
                                            "is reused by the table, the files shrink only when their end is empty");
        if (plan.tables.isEmpty())
            plan.warnings << QStringLiteral("no table chosen: the whole database");
        return {};
    }
    case MaintenanceOp::Reindex: {
        if (version < 120000)
            return Error::make(ErrorCode::Unsupported,
                               QStringLiteral("REINDEX CONCURRENTLY needs PostgreSQL 12 or newer"),
                               QStringLiteral("plain REINDEX locks out the bot's writes: run it in a maintenance "
                                              "window with psql"));
        if (plan.tables.isEmpty() && r.indexes.isEmpty())
            return Error::make(ErrorCode::Usage, QStringLiteral("reindex needs the tables or indexes to rebuild"),
                               QStringLiteral("--table public.candles or --index public.candles_ts_idx"));
        for (const QString &t : plan.tables)
            plan.statements << statement("reindex_table", {{"table", t}});
        for (const QString &name : r.indexes) {
            QString table;
            auto index = indexName(db, plan.target, name, &table);
            if (!index)
                return index.error();
            plan.statements << statement("reindex_index", {{"index", index.value()}});
        }
        plan.warnings << QStringLiteral("each index is built anew beside the old one: room for the indexes again is "
                                        "needed; it waits for transactions older than itself (a leaked session "
                                        "idle in transaction holds it up)");
        return {};
    }
    default:
        return Error::make(ErrorCode::Unsupported,
                           QStringLiteral("%1 is an SQLite operation").arg(Maintenance::opName(r.op)),
                           QStringLiteral("PostgreSQL: vacuum, analyze, reindex"));
    }
}

// What the action thread shares with the polling thread.
struct ActionState {
    std::atomic<int> pid{0};
    std::atomic<int> current{0}; // index of the statement running
    std::atomic_bool stop{false};
    Error error; // written by the action thread, read after it joined
};

void runStatements(const Target &target, SessionOptions options, const QStringList &statements,
                   const std::shared_ptr<ActionState> &state)
{
    options.mode = AccessMode::ReadWrite;
    ScopedConnection conn(target, options, QStringLiteral("maintenance"));
    if (!conn.ok()) {
        state->error = conn.error();
        return;
    }
    QSqlQuery q(conn.db());
    if (q.exec(SqlText::postgresql("common", "backend_pid")) && q.next())
        state->pid = q.value(0).toInt();
    for (int i = 0; i < statements.size() && !state->stop; ++i) {
        state->current = i;
        if (!q.exec(SqlText::marked(statements[i]))) {
            state->error = Connector::classify(q.lastError(), target, QStringLiteral("run %1 on").arg(statements[i]));
            if (q.lastError().nativeErrorCode() == QLatin1String("57014"))
                state->error = Error::make(ErrorCode::Cancelled, QStringLiteral("%1 was cancelled").arg(statements[i]),
                                           {}, state->error.detail);
            return;
        }
    }
}

QString describe(const ProgressSample &s)
{
    QString text = QStringLiteral("%1 %2: %3").arg(s.command, s.table, s.phase);
    if (s.total > 0)
        text += QStringLiteral(" (%1 of %2)").arg(s.done).arg(s.total);
    return text;
}

void remember(MaintenanceResult &result, const ProgressSample &s)
{
    for (const ProgressSample &seen : result.progress)
        if (seen.command == s.command && seen.phase == s.phase && seen.table == s.table)
            return;
    result.progress << s;
}

} // namespace

Expected<QList<ProgressSample>> PgMaintenance::progressOf(QSqlDatabase db, const Target &target, int pid)
{
    QSqlQuery q(db);
    q.prepare(SqlText::get(kDialect, QStringLiteral("maintenance_progress")));
    for (int i = 0; i < 3; ++i)
        q.addBindValue(pid);
    if (!q.exec())
        return Connector::classify(q.lastError(), target, QStringLiteral("read maintenance progress on"));
    QList<ProgressSample> samples;
    while (q.next())
        samples << ProgressSample{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                  q.value(3).toLongLong(), q.value(4).toLongLong()};
    return samples;
}

Expected<MaintenancePlan> PgMaintenance::preview(const Target &target, const MaintenanceRequest &request)
{
    ScopedConnection conn(target, monitorOptions(request.session), QStringLiteral("maintenance-preview"));
    if (!conn.ok())
        return conn.error();
    MaintenancePlan plan;
    plan.target = target;
    plan.request = request;
    int version = 0;
    auto sizes = databaseSize(conn.db(), target, &version);
    if (!sizes)
        return sizes.error();
    plan.sizes = sizes.value();
    for (const QString &name : request.tables) {
        auto t = tableSizes(conn.db(), target, name);
        if (!t)
            return t.error();
        if (!plan.tables.contains(t->table)) {
            plan.tables << t->table;
            plan.tableSizes << t.value();
        }
    }
    if (Error e = buildStatements(plan, conn.db(), version))
        return e;
    return plan;
}

void PgMaintenance::run(MaintenanceResult &result, const OpControl &control)
{
    const MaintenancePlan &plan = result.plan;
    result.before = plan.sizes;
    result.tablesBefore = plan.tableSizes;
    ScopedConnection monitor(plan.target, monitorOptions(plan.request.session), QStringLiteral("maintenance-monitor"));
    if (!monitor.ok()) {
        result.error = monitor.error();
        return;
    }
    auto state = std::make_shared<ActionState>();
    const Target target = plan.target;
    const SessionOptions options = plan.request.session;
    const QStringList statements = plan.statements;
    std::unique_ptr<QThread> thread(QThread::create([=] { runStatements(target, options, statements, state); }));
    thread->start();
    const int n = statements.size();
    while (!thread->wait(static_cast<unsigned long>(std::max(10, plan.request.pollMs)))) {
        const int pid = state->pid.load();
        if (pid > 0 && !result.actionPid)
            result.actionPid = pid;
        if (control.cancelled() && pid > 0) {
            // Sent again at every poll: a cancel that lands between two statements is lost, the stop flag keeps
            // the next one from starting.
            state->stop = true;
            QSqlQuery q(monitor.db());
            q.prepare(SqlText::postgresql("common", "cancel_backend"));
            q.addBindValue(pid);
            q.exec();
        }
        if (pid <= 0)
            continue;
        auto samples = progressOf(monitor.db(), plan.target, pid);
        const int step = state->current.load();
        const QString prefix = n > 1 ? QStringLiteral("%1/%2 ").arg(step + 1).arg(n) : QString();
        if (!samples || samples->isEmpty()) {
            control.report(
                0, 0,
                prefix + statements.value(step) +
                    (samples ? QString() : QStringLiteral(" (progress unreadable: %1)").arg(samples.error().message)));
            continue;
        }
        for (const ProgressSample &s : samples.value())
            remember(result, s);
        const ProgressSample &s = samples->constLast();
        control.report(s.done, s.total, prefix + describe(s));
    }
    result.actionPid = std::max(result.actionPid, state->pid.load());
    result.error = state->error;
    if (!result.error && control.cancelled())
        result.error = Error::make(ErrorCode::Cancelled, QStringLiteral("maintenance cancelled"));
    if (auto after = databaseSize(monitor.db(), plan.target))
        result.after = after.value();
    for (const TableSizes &t : plan.tableSizes) {
        if (auto now = tableSizes(monitor.db(), plan.target, t.table))
            result.tablesAfter << now.value();
        if (plan.request.op == MaintenanceOp::Reindex)
            for (const QString &index : invalidIndexes(monitor.db(), t.table))
                result.notes << QStringLiteral("invalid index %1 left behind (an interrupted REINDEX CONCURRENTLY): "
                                               "drop it with DROP INDEX CONCURRENTLY %1")
                                    .arg(index);
    }
}

} // namespace dbops
