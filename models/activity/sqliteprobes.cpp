#include "activity/sqliteprobes.h"

#include "connection/connector.h"
#include "connection/storediscovery.h"
#include "dialect/sqltext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace dbops {

namespace {

const QStringList kTimeNames{QStringLiteral("created_at"), QStringLiteral("timestamp"), QStringLiteral("ts"),
                             QStringLiteral("time"),       QStringLiteral("open_time"), QStringLiteral("entry_time"),
                             QStringLiteral("updated_at"), QStringLiteral("datetime"),  QStringLiteral("date"),
                             QStringLiteral("close_time"), QStringLiteral("exit_time")};

QString quoted(QSqlDatabase db, const QString &name)
{
    return db.driver()->escapeIdentifier(name, QSqlDriver::TableName);
}

constexpr int kMaxFetchedRows = 100000;

void readPlan(QSqlDatabase db, StatementStat &s, const SlowOptions &options)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("activity_probes", "plan", {{"statement", s.query}})))
        return;
    static const QRegularExpression scan(QStringLiteral("^SCAN (?:TABLE )?(\\S+)"));
    static const QRegularExpression tempSort(QStringLiteral("USE TEMP B-TREE FOR (ORDER BY|GROUP BY|DISTINCT)"));
    QString lastTable;
    while (q.next()) {
        const QString detail = q.value(3).toString();
        s.plan << detail;
        const auto m = scan.match(detail);
        if (m.hasMatch()) {
            lastTable = m.captured(1);
            const bool indexed = detail.contains(QLatin1String("USING INDEX")) ||
                                 detail.contains(QLatin1String("USING COVERING INDEX")) ||
                                 detail.contains(QLatin1String("USING INTEGER PRIMARY KEY"));
            const qint64 rows = SqliteProbes::estimateRows(db, lastTable);
            if (!indexed && rows >= options.largeTableRows)
                s.findings << QStringLiteral("full scan of %1 (~%2 rows)").arg(lastTable).arg(rows);
        }
        const auto t = tempSort.match(detail);
        if (t.hasMatch() && !lastTable.isEmpty() && SqliteProbes::estimateRows(db, lastTable) >= options.largeTableRows)
            s.findings << QStringLiteral("temporary sort for %1 over %2: an index on the sorted column avoids it")
                              .arg(t.captured(1), lastTable);
    }
}

} // namespace

qint64 SqliteProbes::estimateRows(QSqlDatabase db, const QString &table)
{
    QSqlQuery q(db);
    if (q.exec(SqlText::sqlite("activity_probes", "max_rowid", {{"table", quoted(db, table)}})) && q.next())
        return q.value(0).toLongLong();
    if (q.exec(SqlText::sqlite("common", "count_rows", {{"table", quoted(db, table)}})) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QString SqliteProbes::timeColumn(QSqlDatabase db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::sqlite("activity_probes", "table_info", {{"table", quoted(db, table)}})))
        return {};
    QString byType;
    QHash<QString, QString> byName; // lower-case -> as declared
    while (q.next()) {
        const QString name = q.value(1).toString();
        const QString type = q.value(2).toString().toUpper();
        byName.insert(name.toLower(), name);
        if (byType.isEmpty() && (type.contains(QLatin1String("DATE")) || type.contains(QLatin1String("TIME"))))
            byType = name;
    }
    for (const QString &candidate : kTimeNames)
        if (byName.contains(candidate))
            return byName.value(candidate);
    return byType;
}

QList<ProbeQuery> SqliteProbes::defaults(QSqlDatabase db, int tables)
{
    QSqlQuery q(db);
    QList<QPair<qint64, QString>> sized;
    if (q.exec(SqlText::sqlite("activity_probes", "tables")))
        while (q.next())
            sized << qMakePair(qint64(0), q.value(0).toString());
    for (auto &p : sized)
        p.first = estimateRows(db, p.second);
    std::stable_sort(sized.begin(), sized.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<ProbeQuery> probes;
    for (int i = 0; i < sized.size() && i < tables; ++i) {
        const QString table = sized[i].second;
        const QString column = timeColumn(db, table);
        const QString order = column.isEmpty() ? QStringLiteral("rowid") : quoted(db, column);
        probes << ProbeQuery{
            QStringLiteral("newest rows of %1").arg(table),
            SqlText::sqlite("activity_probes", "newest_rows", {{"table", quoted(db, table)}, {"order", order}})};
    }
    return probes;
}

StatementStat SqliteProbes::run(QSqlDatabase db, const ProbeQuery &probe, const SlowOptions &options)
{
    StatementStat s;
    s.name = probe.name;
    s.query = probe.sql;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QElapsedTimer timer;
    timer.start();
    if (!q.exec(probe.sql)) {
        s.error = q.lastError().text();
        s.severity = Severity::Warning;
        return s;
    }
    qint64 rows = 0;
    while (rows < kMaxFetchedRows && q.next())
        ++rows;
    s.totalMs = timer.nsecsElapsed() / 1e6;
    s.meanMs = s.totalMs;
    s.maxMs = s.totalMs;
    s.calls = 1;
    s.rows = rows;
    q.finish();
    readPlan(db, s, options);
    s.severity = (s.totalMs > options.thresholdMs || !s.findings.isEmpty()) ? Severity::Warning : Severity::Good;
    return s;
}

SlowSnapshot SqliteProbes::runAll(QSqlDatabase db, const SlowOptions &options, const QString &namePrefix)
{
    SlowSnapshot snap;
    snap.source = QStringLiteral("probes");
    snap.at = QDateTime::currentDateTimeUtc();
    snap.thresholdMs = options.thresholdMs;
    snap.order = options.order;
    QList<ProbeQuery> probes = options.sqliteDefaultProbes ? defaults(db) : QList<ProbeQuery>{};
    for (int i = 0; i < options.sqliteProbes.size(); ++i)
        probes << ProbeQuery{QStringLiteral("probe %1").arg(i + 1), options.sqliteProbes[i]};
    double all = 0;
    for (const ProbeQuery &p : probes) {
        StatementStat s = run(db, p, options);
        if (!namePrefix.isEmpty())
            s.name = namePrefix + QStringLiteral(": ") + s.name;
        all += s.totalMs;
        snap.statements << s;
    }
    for (StatementStat &s : snap.statements)
        s.pctOfTotal = all > 0 ? 100.0 * s.totalMs / all : 0;
    return snap;
}

Expected<SlowSnapshot> SqliteProbes::collect(const Target &target, const SessionOptions &session,
                                             const SlowOptions &options)
{
    QStringList files;
    if (target.kind == Target::Kind::SqliteFile) {
        files << target.path;
    } else {
        for (const DiscoveredItem &item : StoreDiscovery::scan(target.path))
            if (item.kind == DiscoveredItem::Kind::Sqlite)
                files << item.path;
        if (files.isEmpty())
            return Error::make(
                ErrorCode::NotFound, QStringLiteral("no SQLite store found under %1").arg(target.path),
                QStringLiteral("point dbops at the bot's data directory (the one holding its .db files)"));
    }
    SlowSnapshot total;
    for (const QString &file : files) {
        ScopedConnection conn(Target::sqliteFile(file), session, QStringLiteral("slow"));
        if (!conn.ok())
            return conn.error();
        const QString prefix =
            target.kind == Target::Kind::DataDir ? QDir(target.path).relativeFilePath(file) : QString();
        SlowSnapshot one = runAll(conn.db(), options, prefix);
        if (total.source.isEmpty())
            total = one;
        else
            total.statements << one.statements;
    }
    return total;
}

} // namespace dbops
