#include "schema/pghealth.h"

#include "dialect/sqltext.h"
#include "schema/dataage.h"
#include "schema/indexrules.h"
#include "schema/pgreplication.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace dbops {

namespace {

const QLatin1String kDialect("postgresql");

QString qualified(const QString &schema, const QString &table)
{
    return schema == QLatin1String("public") ? table : schema + QLatin1Char('.') + table;
}

class Scan {
public:
    Scan(QSqlDatabase db, const QString &location, const HealthOptions &options) : m_db(db), m_options(options)
    {
        m_report.engine = QStringLiteral("postgresql");
        m_report.location = location;
    }
    Expected<HealthReport> run();

private:
    Expected<QList<QVariantList>> rows(const char *name);
    Expected<QVariant> scalar(const QString &sql);
    QString quoted(const QString &name) const
    {
        QStringList parts;
        for (const QString &p : name.split(QLatin1Char('.')))
            parts << m_db.driver()->escapeIdentifier(p, QSqlDriver::TableName);
        return parts.join(QLatin1Char('.'));
    }
    Error tables();
    Error indexes();
    Error foreignKeys();
    Error server();
    void dataAge();
    void retention();

    QSqlDatabase m_db;
    HealthOptions m_options;
    HealthReport m_report;
    SchemaShape m_shape;
    QHash<QString, qint64> m_liveRows;
};

// A query of the scan that failed: another session's lock (lock_timeout) or a slow server (statement_timeout)
// said as such, anything else as what the console's user may not read.
Error scanError(const QSqlError &e, const QString &what, const QString &privilegeHint)
{
    const QString state = e.nativeErrorCode();
    if (state == QLatin1String("55P03"))
        return Error::make(ErrorCode::Busy,
                           QStringLiteral("cannot read %1: another session holds a lock on a table "
                                          "(not granted within dbops's lock timeout)")
                               .arg(what),
                           QStringLiteral("`dbops slow` or the console's Activity tab shows who holds it; scan again "
                                          "once it is released"),
                           e.text());
    if (state == QLatin1String("57014"))
        return Error::make(ErrorCode::Timeout,
                           QStringLiteral("cannot read %1: the query ran past dbops's statement timeout").arg(what),
                           QStringLiteral("the server is overloaded; scan again later"), e.text());
    return Error::make(ErrorCode::QueryFailed, QStringLiteral("cannot read %1").arg(what), privilegeHint, e.text());
}

Expected<QList<QVariantList>> Scan::rows(const char *name)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(SqlText::get(kDialect, QLatin1String(name))))
        return scanError(q.lastError(), QStringLiteral("table health (%1)").arg(QLatin1String(name)),
                         QStringLiteral("the console's user needs to read pg_catalog and the pg_stat views"));
    QList<QVariantList> out;
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << q.value(i);
        out << row;
    }
    return out;
}

Expected<QVariant> Scan::scalar(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql) || !q.next())
        return scanError(q.lastError(), QStringLiteral("a table's health figures"),
                         QStringLiteral("the console's user needs to read the tables"));
    return q.value(0);
}

QString timeText(const QVariant &v) { return v.isNull() ? QString() : v.toDateTime().toUTC().toString(Qt::ISODate); }

Error Scan::tables()
{
    auto list = rows("health_tables");
    if (!list)
        return list.error();
    for (const QVariantList &r : list.value()) {
        TableHealth t;
        t.name = qualified(r[0].toString(), r[1].toString());
        const qint64 live = r[3].toLongLong();
        t.rows = std::max(r[2].toLongLong(), live);
        t.rowsExact = false;
        t.deadTuples = r[4].toLongLong();
        t.deadPercent = live + t.deadTuples > 0 ? 100.0 * t.deadTuples / double(live + t.deadTuples) : 0;
        t.tableBytes = r[5].toLongLong();
        t.indexBytes = r[6].toLongLong();
        t.lastVacuum = timeText(r[7]);
        t.lastAutovacuum = timeText(r[8]);
        t.lastAnalyze = timeText(r[9]);
        t.lastAutoanalyze = timeText(r[10]);
        t.seqScans = r[11].toLongLong();
        t.idxScans = r[12].toLongLong();
        if (t.rows < PgHealth::kExactCountRows) {
            auto n = scalar(SqlText::postgresql(
                "common", "count_rows", {{"table", quoted(r[0].toString() + QLatin1Char('.') + r[1].toString())}}));
            if (n) {
                t.rows = n->toLongLong();
                t.rowsExact = true;
            }
        }
        m_shape.tables << t.name;
        m_shape.hasPrimaryKey.insert(t.name, r[13].toBool());
        m_shape.rows.insert(t.name, t.rows);
        m_liveRows.insert(t.name, t.rows);
        if (t.deadTuples >= PgHealth::kDeadWarnRows && t.deadPercent > PgHealth::kDeadWarnPercent)
            m_report.add(FindingSeverity::Warn, t.name, QStringLiteral("dead_tuples"),
                         QStringLiteral("%1 dead tuples (%2 % of the table; threshold %3 % and %4 rows): autovacuum "
                                        "is behind — VACUUM (ANALYZE) %5")
                             .arg(t.deadTuples)
                             .arg(t.deadPercent, 0, 'f', 1)
                             .arg(PgHealth::kDeadWarnPercent)
                             .arg(PgHealth::kDeadWarnRows)
                             .arg(t.name));
        const qint64 scans = t.seqScans + t.idxScans;
        if (t.rows >= PgHealth::kScanRuleRows && scans > 0) {
            const double pct = 100.0 * t.idxScans / scans;
            if (pct < PgHealth::kScanRuleIndexPercent)
                m_report.add(FindingSeverity::Warn, t.name, QStringLiteral("missing_index"),
                             QStringLiteral("index use %1 % of %2 scans on %3 rows (pghero's rule: below %4 % on ≥ "
                                            "%5 rows): a frequent query reads the whole table — check its WHERE")
                                 .arg(pct, 0, 'f', 1)
                                 .arg(scans)
                                 .arg(t.rows)
                                 .arg(PgHealth::kScanRuleIndexPercent)
                                 .arg(PgHealth::kScanRuleRows));
        }
        m_report.tables << t;
    }
    return {};
}

Error Scan::indexes()
{
    auto list = rows("health_indexes");
    if (!list)
        return list.error();
    for (const QVariantList &r : list.value()) {
        IndexDef i;
        i.table = qualified(r[0].toString(), r[1].toString());
        i.name = r[2].toString();
        i.columns = r[3].toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        i.unique = r[4].toBool();
        i.primary = r[5].toBool();
        i.partial = r[6].toBool();
        i.valid = r[7].toBool();
        m_shape.indexes << i;
        if (!i.valid)
            m_report.add(FindingSeverity::Warn, i.table, QStringLiteral("invalid_index"),
                         QStringLiteral("index %1 is invalid (rule: pg_index.indisvalid): a CREATE INDEX CONCURRENTLY "
                                        "failed; it costs writes and serves no query — DROP INDEX CONCURRENTLY %1 and "
                                        "create it again")
                             .arg(i.name));
        const qint64 tableRows = m_liveRows.value(i.table, 0);
        if (i.valid && !i.unique && !i.primary && r[8].toLongLong() == 0 && tableRows >= PgHealth::kScanRuleRows)
            m_report.add(FindingSeverity::Info, i.table, QStringLiteral("unused_index"),
                         QStringLiteral("index %1 (%2 bytes) has not been used since statistics were reset (rule: 0 "
                                        "scans on a table of ≥ %3 rows); consider dropping it")
                             .arg(i.name)
                             .arg(r[9].toLongLong())
                             .arg(PgHealth::kScanRuleRows));
    }
    return {};
}

Error Scan::foreignKeys()
{
    auto list = rows("health_foreign_keys");
    if (!list)
        return list.error();
    for (const QVariantList &r : list.value())
        m_shape.foreignKeys << ForeignKeyDef{qualified(r[0].toString(), r[1].toString()),
                                             r[2].toString().split(QLatin1Char(','), Qt::SkipEmptyParts),
                                             qualified(r[3].toString(), r[4].toString())};
    return {};
}

Error Scan::server()
{
    auto srv = rows("health_server");
    if (!srv)
        return srv.error();
    const QVariantList s = srv->value(0);
    const qint64 xid = s.value(0).toLongLong();
    m_report.facts = {{QStringLiteral("server_version"), s.value(1).toString()},
                      {QStringLiteral("xid_age"), double(xid)},
                      {QStringLiteral("autovacuum_freeze_max_age"), double(s.value(2).toLongLong())}};
    if (xid >= PgHealth::kXidWarnAge)
        m_report.add(xid >= PgHealth::kXidCriticalAge ? FindingSeverity::Critical : FindingSeverity::Warn, {},
                     QStringLiteral("xid_age"),
                     QStringLiteral("transaction-id age %1 (warn from %2, critical from %3; wraparound at 2^31): "
                                    "run VACUUM FREEZE on the oldest tables")
                         .arg(xid)
                         .arg(PgHealth::kXidWarnAge)
                         .arg(PgHealth::kXidCriticalAge));
    auto seqs = rows("health_sequences");
    if (!seqs)
        return seqs.error();
    for (const QVariantList &r : seqs.value()) {
        const double pct = 100.0 * r[2].toDouble() / r[3].toDouble();
        if (pct < PgHealth::kSequenceWarnPercent)
            continue;
        const QString name = qualified(r[0].toString(), r[1].toString());
        m_report.add(pct >= PgHealth::kSequenceCriticalPercent ? FindingSeverity::Critical : FindingSeverity::Warn,
                     name, QStringLiteral("sequence_near_max"),
                     QStringLiteral("sequence %1 is at %2 % of its maximum (%3 of %4; warn from %5 %, critical from "
                                    "%6 %): inserts fail when it runs out — ALTER the column and sequence to bigint")
                         .arg(name)
                         .arg(pct, 0, 'f', 1)
                         .arg(r[2].toLongLong())
                         .arg(r[3].toLongLong())
                         .arg(PgHealth::kSequenceWarnPercent)
                         .arg(PgHealth::kSequenceCriticalPercent));
    }
    return {};
}

bool leadsIndex(const SchemaShape &shape, const QString &table, const QString &column)
{
    for (const IndexDef &i : shape.indexes)
        if (i.table == table && !i.partial && i.valid && !i.columns.isEmpty() && i.columns.first() == column)
            return true;
    return false;
}

void Scan::dataAge()
{
    auto cols = rows("health_columns");
    if (!cols)
        return;
    QHash<QString, QList<QPair<QString, QString>>> byTable;
    for (const QVariantList &r : cols.value())
        byTable[qualified(r[0].toString(), r[1].toString())] << qMakePair(r[2].toString(), r[3].toString());
    for (TableHealth &t : m_report.tables) {
        t.timeColumn = DataAge::timeColumn(byTable.value(t.name));
        if (t.timeColumn.isEmpty() || t.rows == 0)
            continue;
        if (!leadsIndex(m_shape, t.name, t.timeColumn) && t.rows > PgHealth::kExactCountRows)
            continue; // no cheap way to the oldest / newest row
        const QString col = m_db.driver()->escapeIdentifier(t.timeColumn, QSqlDriver::FieldName);
        auto first = scalar(SqlText::postgresql("common", "min_value", {{"column", col}, {"table", quoted(t.name)}}));
        auto last = scalar(SqlText::postgresql("common", "max_value", {{"column", col}, {"table", quoted(t.name)}}));
        if (first && last)
            DataAge::apply(t, first.value(), last.value(), false, m_options, m_report);
    }
}

void Scan::retention()
{
    for (const RetentionRule &rule : m_options.retention) {
        if (!m_shape.tables.contains(rule.table))
            continue;
        auto oldest =
            scalar(SqlText::postgresql("common", "min_value",
                                       {{"column", m_db.driver()->escapeIdentifier(rule.column, QSqlDriver::FieldName)},
                                        {"table", quoted(rule.table)}}));
        if (oldest)
            DataAge::retention(rule, oldest.value(), m_options, m_report);
    }
}

Expected<HealthReport> Scan::run()
{
    for (Error (Scan::*part)() : {&Scan::server, &Scan::tables, &Scan::indexes, &Scan::foreignKeys})
        if (Error e = (this->*part)())
            return e;
    IndexRules::check(m_shape, m_report);
    // Archiving and replication are read by a user with pg_monitor; without it the table health still stands.
    if (auto replication = PgReplication::read(m_db))
        PgReplication::judge(replication.value(), m_report);
    else
        m_report.facts.insert(QStringLiteral("replication_error"), replication.error().oneLine());
    dataAge();
    retention();
    return m_report;
}

} // namespace

Expected<HealthReport> PgHealth::scan(QSqlDatabase db, const QString &location, const HealthOptions &options)
{
    return Scan(db, location, options).run();
}

} // namespace dbops
