#include "schema/sqlitehealth.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "connection/storediscovery.h"
#include "dialect/sqltext.h"
#include "schema/bottables.h"
#include "schema/dataage.h"
#include "schema/sqliteshape.h"
#include "schema/timeextremes.h"

#include <QFile>
#include <QFileInfo>

namespace dbops {

namespace {

const QLatin1String kDialect("sqlite");
QString sql(const char *name) { return SqlText::get(kDialect, QLatin1String(name)); }

bool isDamage(const Error &e)
{
    return e.code == ErrorCode::Corrupt || e.code == ErrorCode::NotSqlite ||
           e.detail.contains(QLatin1String("malformed")) || e.message.contains(QLatin1String("malformed"));
}

void addCorrupt(HealthReport &r, const QString &step, const QString &why)
{
    r.add(FindingSeverity::Critical, {}, QStringLiteral("corrupt"),
          QStringLiteral("store is corrupt (malformed): %1 failed: %2 — stop the bot and restore from a verified "
                         "backup")
              .arg(step, why));
}

class Scan {
public:
    Scan(const QString &path, const HealthOptions &options, const OpControl &control)
        : m_path(path), m_options(options), m_control(control)
    {
        m_report.engine = QStringLiteral("sqlite");
        m_report.location = path;
    }

    Expected<HealthReport> run();

private:
    // true: go on; false: stop (the report says why, or m_fatal is set)
    bool step(const QString &what, const Error &e)
    {
        if (!e)
            return true;
        if (isDamage(e))
            addCorrupt(m_report, what, e.detail.isEmpty() ? e.message : e.detail);
        else
            m_fatal = e;
        return false;
    }
    bool facts();
    bool sizes();
    bool estimates();
    void dataAge();
    void retention();
    bool checks();
    void progress(const QString &what) { m_control.report(++m_step, 6, what); }

    QString m_path;
    HealthOptions m_options;
    OpControl m_control;
    HealthReport m_report;
    SqliteHandle m_db;
    SqliteShape m_shape;
    Error m_fatal;
    int m_step = 0;
};

bool Scan::facts()
{
    auto rows = m_db.query(sql("health_facts"));
    if (!step(QStringLiteral("reading the store header (PRAGMA page_size, …)"), rows.ok() ? Error() : rows.error()))
        return false;
    const QVariantList f = rows->value(0);
    const qint64 pageSize = f.value(0).toLongLong(), pages = f.value(1).toLongLong(),
                 freePages = f.value(2).toLongLong();
    const QString journal = f.value(3).toString().toLower();
    static const char *const kAutoVacuum[] = {"none", "full", "incremental"};
    m_report.facts = {{QStringLiteral("sqlite_version"), SqliteHandle::libraryVersion()},
                      {QStringLiteral("file_bytes"), double(QFileInfo(m_path).size())},
                      {QStringLiteral("wal_bytes"), double(QFileInfo(m_path + QStringLiteral("-wal")).size())},
                      {QStringLiteral("page_size"), double(pageSize)},
                      {QStringLiteral("page_count"), double(pages)},
                      {QStringLiteral("freelist_count"), double(freePages)},
                      {QStringLiteral("freelist_percent"), pages > 0 ? 100.0 * freePages / pages : 0.0},
                      {QStringLiteral("journal_mode"), journal},
                      {QStringLiteral("auto_vacuum"), QLatin1String(kAutoVacuum[qBound(0, f.value(4).toInt(), 2)])},
                      {QStringLiteral("user_version"), f.value(5).toInt()}};
    if (journal != QLatin1String("wal"))
        m_report.add(FindingSeverity::Warn, {}, QStringLiteral("journal_not_wal"),
                     QStringLiteral("journal_mode is %1, WAL expected for a live bot (rule: journal_mode = wal): "
                                    "readers block the writer otherwise; PRAGMA journal_mode=WAL")
                         .arg(journal));
    const double freePct = pages > 0 ? 100.0 * freePages / pages : 0;
    if (freePct > SqliteHealth::kFreelistWarnPercent && freePages * pageSize >= SqliteHealth::kFreelistWarnBytes)
        m_report.add(FindingSeverity::Warn, {}, QStringLiteral("freelist"),
                     QStringLiteral("%1 % of the file is free pages (%2 of %3 pages; threshold %4 % and %5 MiB): "
                                    "VACUUM reclaims them")
                         .arg(freePct, 0, 'f', 1)
                         .arg(freePages)
                         .arg(pages)
                         .arg(SqliteHealth::kFreelistWarnPercent)
                         .arg(SqliteHealth::kFreelistWarnBytes >> 20));
    return true;
}

bool Scan::sizes()
{
    QHash<QString, TableHealth> byName;
    for (const QString &t : m_shape.shape.tables) {
        TableHealth h;
        h.name = t;
        byName.insert(t, h);
    }
    auto rows = m_db.query(sql("health_sizes"));
    if (!rows && rows.error().detail.contains(QLatin1String("no such table"))) {
        // SQLite built without dbstat: exact counts, no sizes.
        m_report.facts.insert(QStringLiteral("sizes"), QStringLiteral("unavailable (SQLite without dbstat)"));
        for (const QString &t : m_shape.shape.tables) {
            auto n =
                m_db.scalar(SqlText::sqlite("common", "count_rows", {{"table", SqliteHandle::quoteIdentifier(t)}}));
            if (!step(QStringLiteral("counting rows of %1").arg(t), n.ok() ? Error() : n.error()))
                return false;
            byName[t].rows = n->toLongLong();
            byName[t].rowsExact = true;
        }
    } else {
        if (!step(QStringLiteral("reading every b-tree page (dbstat)"), rows.ok() ? Error() : rows.error()))
            return false;
        for (const QVariantList &row : rows.value()) {
            const QString name = row.value(0).toString();
            if (row.value(4).toLongLong() > 0)
                addCorrupt(m_report, QStringLiteral("reading every b-tree page (dbstat)"),
                           QStringLiteral("%1 page(s) of %2 cannot be decoded; its row count and size are wrong")
                               .arg(row.value(4).toLongLong())
                               .arg(name));
            if (byName.contains(name)) {
                TableHealth &t = byName[name];
                t.tableBytes = row.value(1).toLongLong();
                t.rows = m_shape.withoutRowid.contains(name) ? row.value(3).toLongLong() : row.value(2).toLongLong();
                t.rowsExact = row.value(4).toLongLong() == 0;
            } else if (m_shape.indexOwner.contains(name)) {
                const QString owner = m_shape.indexOwner.value(name);
                if (byName.contains(owner))
                    byName[owner].indexBytes += row.value(1).toLongLong();
            }
        }
    }
    for (const QString &t : m_shape.shape.tables) {
        m_report.tables << byName.value(t);
        m_shape.shape.rows.insert(t, byName.value(t).rows);
    }
    return true;
}

bool Scan::estimates()
{
    QHash<QString, qint64> stat;
    auto rows = m_db.query(sql("health_stat1"));
    if (rows) // no sqlite_stat1 (never ANALYZEd): rows stay unknown
        for (const QVariantList &row : rows.value())
            stat.insert(row.value(0).toString(), row.value(1).toLongLong());
    for (const QString &name : m_shape.shape.tables) {
        TableHealth t;
        t.name = name;
        t.rows = stat.value(name, -1);
        m_report.tables << t;
        m_shape.shape.rows.insert(name, t.rows);
    }
    m_report.facts.insert(QStringLiteral("sizes"), QStringLiteral("not read (quick pass)"));
    return true;
}

bool indexed(const SchemaShape &shape, const QString &table, const QString &column)
{
    for (const IndexDef &i : shape.indexes)
        if (i.table == table && !i.partial && !i.columns.isEmpty() && i.columns.first() == column)
            return true;
    return false;
}

void Scan::dataAge()
{
    for (TableHealth &t : m_report.tables) {
        auto cols = m_db.query(sql("health_table_columns"), {t.name});
        if (!cols)
            continue;
        QList<QPair<QString, QString>> pairs;
        for (const QVariantList &c : cols.value())
            pairs << qMakePair(c.value(0).toString(), c.value(1).toString());
        t.timeColumn = DataAge::timeColumn(pairs);
        if (t.timeColumn.isEmpty() || t.rows == 0)
            continue;
        const QString col = SqliteHandle::quoteIdentifier(t.timeColumn), table = SqliteHandle::quoteIdentifier(t.name);
        const bool exact =
            indexed(m_shape.shape, t.name, t.timeColumn) || (t.rows >= 0 && t.rows <= SqliteHealth::kExactAgeRows);
        Expected<QVariant> first = QVariant(), last = QVariant();
        if (exact) {
            first = TimeExtremes::oldest(m_db, t.name, t.timeColumn);
            last = TimeExtremes::newest(m_db, t.name, t.timeColumn);
        } else if (!m_shape.withoutRowid.contains(t.name)) {
            // unindexed time column of a big table: the first and last rows written (rowid order)
            first = m_db.scalar(SqlText::sqlite("health_age", "first_written", {{"column", col}, {"table", table}}));
            last = m_db.scalar(SqlText::sqlite("health_age", "last_written", {{"column", col}, {"table", table}}));
        } else {
            continue;
        }
        if (first && last)
            DataAge::apply(t, first.value(), last.value(), !exact, m_options, m_report);
    }
}

void Scan::retention()
{
    for (const RetentionRule &rule : m_options.retention) {
        if (!m_shape.shape.tables.contains(rule.table))
            continue;
        auto oldest = TimeExtremes::oldest(m_db, rule.table, rule.column);
        if (oldest)
            DataAge::retention(rule, oldest.value(), m_options, m_report);
    }
}

bool Scan::checks()
{
    if (m_options.check != HealthOptions::Check::None) {
        const bool quick = m_options.check == HealthOptions::Check::Quick;
        const QString name = quick ? QStringLiteral("quick_check") : QStringLiteral("integrity_check");
        m_report.checksRun << name;
        const QString check = sql(quick ? "health_quick_check" : "health_integrity_check"); // also the label
        auto rows = m_db.query(check);
        if (!step(check, rows.ok() ? Error() : rows.error()))
            return false;
        QStringList problems;
        for (const QVariantList &row : rows.value())
            if (row.value(0).toString() != QLatin1String("ok"))
                problems << row.value(0).toString();
        if (!problems.isEmpty())
            addCorrupt(m_report, check,
                       QStringLiteral("%1 problem(s): %2")
                           .arg(problems.size())
                           .arg(problems.mid(0, 5).join(QStringLiteral("; "))));
    }
    if (m_options.foreignKeyCheck) {
        m_report.checksRun << QStringLiteral("foreign_key_check");
        auto rows = m_db.query(sql("health_foreign_key_check"));
        if (!step(QStringLiteral("PRAGMA foreign_key_check"), rows.ok() ? Error() : rows.error())) // label, not SQL
            return false;
        QMap<QString, QPair<int, QString>> perTable;
        for (const QVariantList &row : rows.value()) {
            auto &entry = perTable[row.value(0).toString()];
            ++entry.first;
            entry.second = row.value(2).toString();
        }
        for (auto it = perTable.cbegin(); it != perTable.cend(); ++it)
            m_report.add(FindingSeverity::Warn, it.key(), QStringLiteral("fk_violation"),
                         QStringLiteral("%1 row(s) of %2 point at no row of %3 (PRAGMA foreign_key_check; rule: no "
                                        "orphans, first 1000 counted)")
                             .arg(it.value().first)
                             .arg(it.key(), it.value().second));
    }
    return true;
}

Expected<HealthReport> Scan::run()
{
    // Not a database, empty, truncated, a hot journal: nothing to scan, so no report (exit 3, unusable input),
    // the same answer info and backup give for the file.
    if (Error e = Connector::checkSqliteFile(m_path))
        return e;
    if (Error e = m_db.open(m_path, SqliteHandle::Mode::ReadOnly, 2000); !step(QStringLiteral("opening"), e))
        return m_fatal ? Expected<HealthReport>(m_fatal) : Expected<HealthReport>(m_report);
    m_db.setCancelToken(m_control.token);
    progress(QStringLiteral("store facts"));
    bool ok = facts();
    if (ok) {
        progress(QStringLiteral("schema"));
        auto shape = SqliteShape::read(m_db);
        ok = step(QStringLiteral("reading the schema"), shape.ok() ? Error() : shape.error());
        if (ok)
            m_shape = shape.value();
        if (ok && !BotTables::anyIn(m_shape.shape.tables))
            m_report.add(FindingSeverity::Info, {}, QStringLiteral("no_bot_tables"), BotTables::noneFound());
    }
    if (ok) {
        progress(QStringLiteral("sizes and row counts"));
        ok = m_options.sizes ? sizes() : estimates();
    }
    if (ok) {
        progress(QStringLiteral("index rules and data age"));
        IndexRules::check(m_shape.shape, m_report);
        if (m_options.sizes) {
            dataAge();
            retention();
        }
        progress(QStringLiteral("checks"));
        ok = checks();
    }
    if (m_fatal)
        return m_fatal;
    if (m_control.cancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("health scan of %1 cancelled").arg(m_path));
    progress(QStringLiteral("done"));
    return m_report;
}

} // namespace

Expected<HealthReport> SqliteHealth::scan(const QString &path, const HealthOptions &options, const OpControl &control)
{
    return Scan(path, options, control).run();
}

} // namespace dbops
