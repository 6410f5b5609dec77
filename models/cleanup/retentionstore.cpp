#include "cleanup/retentionstore.h"

#include "dialect/sqltext.h"
#include "schema/timevalue.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dbops {

namespace {

const QStringList kStampNames = {QStringLiteral("archived_at"), QStringLiteral("archived_on"),
                                 QStringLiteral("archive_time"), QStringLiteral("archived_time"),
                                 QStringLiteral("moved_at")};

Error queryError(const QSqlQuery &q, const QString &what)
{
    const QSqlError e = q.lastError();
    const QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    const bool busy = text.contains(QLatin1String("locked"), Qt::CaseInsensitive) ||
                      text.contains(QLatin1String("lock timeout"), Qt::CaseInsensitive) ||
                      e.nativeErrorCode() == QLatin1String("55P03");
    const bool timeout = e.nativeErrorCode() == QLatin1String("57014");
    Error err = Error::make(busy      ? ErrorCode::Busy
                            : timeout ? ErrorCode::Timeout
                                      : ErrorCode::QueryFailed,
                            QStringLiteral("%1 failed: %2").arg(what, text.trimmed()),
                            busy ? QStringLiteral("the bot holds a lock; the job retries, or run it again later")
                                 : QStringLiteral("check the policy's table and column"));
    err.sqlState = e.nativeErrorCode();
    return err;
}

// Runs `sql` binding `value` at every '?'.
bool execWith(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec();
}

QVariantList repeated(const QVariant &value, const QString &sql)
{
    QVariantList out;
    for (qsizetype i = sql.count(QLatin1Char('?')); i > 0; --i)
        out << value;
    return out;
}

} // namespace

QJsonObject RetentionMeasure::toJson() const
{
    QJsonObject o{{QStringLiteral("table"), table},
                  {QStringLiteral("column"), column},
                  {QStringLiteral("keep"), keep},
                  {QStringLiteral("cutoff"), cutoff.toString(Qt::ISODate)},
                  {QStringLiteral("encoding"), encoding},
                  {QStringLiteral("rows"), rows},
                  {QStringLiteral("total_rows"), totalRows},
                  {QStringLiteral("oldest"), oldest.isEmpty() ? QJsonValue() : QJsonValue(oldest)},
                  {QStringLiteral("newest"), newest.isEmpty() ? QJsonValue() : QJsonValue(newest)},
                  {QStringLiteral("bytes_estimate"), bytesEstimate < 0 ? QJsonValue() : QJsonValue(bytesEstimate)}};
    if (oldestAt.isValid())
        o.insert(QStringLiteral("oldest_utc"), oldestAt.toString(Qt::ISODate));
    if (newestAt.isValid())
        o.insert(QStringLiteral("newest_utc"), newestAt.toString(Qt::ISODate));
    o.insert(QStringLiteral("archive_table"), archiveTable.isEmpty() ? QJsonValue() : QJsonValue(archiveTable));
    return o;
}

QString RetentionStore::quote(const QString &identifier)
{
    QString s = identifier;
    return QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString RetentionStore::text(const QString &name, const RetentionTable &t, int limit) const
{
    QString sql = SqlText::get(m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"),
                               QStringLiteral("cleanup_") + name);
    const QString columns = t.archiveColumns.join(QStringLiteral(", "));
    QString stampColumns, stampValues;
    for (const QString &s : t.archiveStamps) {
        stampColumns += QStringLiteral(", ") + s;
        stampValues +=
            m_postgres ? QStringLiteral(", now()") : QStringLiteral(", strftime('%Y-%m-%d %H:%M:%S', 'now')");
    }
    // {column} and friends are identifiers read from the catalog and quoted; values are bound.
    sql.replace(QLatin1String("{table}"), t.quoted)
        .replace(QLatin1String("{column}"), t.quotedColumn)
        .replace(QLatin1String("{archive}"), t.quotedArchive)
        .replace(QLatin1String("{columns}"), columns)
        .replace(QLatin1String("{stamp_columns}"), stampColumns)
        .replace(QLatin1String("{stamp_values}"), stampValues)
        .replace(QLatin1String("{key_list}"), t.keyList)
        .replace(QLatin1String("{key}"), t.key)
        .replace(QLatin1String("{limit}"), QString::number(limit))
        .replace(QLatin1String("{cutoff}"), t.cutoff.placeholder);
    // Comment lines may hold '?' too: drop them before binding.
    QStringList lines;
    for (const QString &line : sql.split(QLatin1Char('\n')))
        if (!line.trimmed().startsWith(QLatin1String("--")))
            lines << line;
    return lines.join(QLatin1Char('\n'));
}

Expected<QList<RetentionStore::Column>> RetentionStore::columns(const QString &schema, const QString &table) const
{
    QSqlQuery q(m_db);
    QVariantList binds;
    if (m_postgres)
        binds << schema;
    binds << table;
    const QString dialect = m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    if (!execWith(q, SqlText::get(dialect, QStringLiteral("cleanup_columns")), binds))
        return queryError(q, QStringLiteral("reading the columns of %1").arg(table));
    QList<Column> out;
    while (q.next())
        out << Column{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toBool(),
                      q.value(4).toBool()};
    return out;
}

Expected<RetentionTable> RetentionStore::resolve(const RetentionPolicy &policy, const QDateTime &now) const
{
    RetentionTable t;
    t.policy = policy;
    t.postgres = m_postgres;
    const QString dialect = m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    const bool qualified = policy.table.contains(QLatin1Char('.'));
    t.schema =
        m_postgres ? (qualified ? policy.table.section(QLatin1Char('.'), 0, 0) : QStringLiteral("public")) : QString();
    t.name = policy.table.section(QLatin1Char('.'), -1);
    if (!m_postgres && qualified)
        return Error::make(ErrorCode::Usage, QStringLiteral("SQLite table names have no schema: %1").arg(policy.table),
                           QStringLiteral("give the bare table name"));

    // The table exists (and on SQLite: is it WITHOUT ROWID?).
    QSqlQuery q(m_db);
    QVariantList binds;
    if (m_postgres)
        binds << t.schema;
    binds << t.name;
    if (!execWith(q, SqlText::get(dialect, QStringLiteral("cleanup_table")), binds))
        return queryError(q, QStringLiteral("looking up table %1").arg(policy.table));
    if (!q.next())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no table %1 in the store").arg(policy.table),
                           QStringLiteral("check the policy's table name (dbops health lists the tables)"));
    const bool withoutRowid =
        !m_postgres && q.value(0).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
    q.finish();
    t.quoted = m_postgres ? QString(quote(t.schema) + QLatin1Char('.') + quote(t.name)) : quote(t.name);

    auto cols = columns(t.schema, t.name);
    if (!cols)
        return cols.error();
    const Column *timeColumn = nullptr;
    QStringList keyParts;
    for (const Column &c : cols.value()) {
        if (c.name.compare(policy.column, Qt::CaseInsensitive) == 0)
            timeColumn = &c;
        if (!m_postgres && c.keyPart > 0)
            keyParts << quote(c.name);
    }
    if (!timeColumn)
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("table %1 has no column %2").arg(policy.table, policy.column),
                           QStringLiteral("name the column that dates the rows (e.g. created_at, timestamp)"));
    t.quotedColumn = quote(timeColumn->name);
    if (m_postgres) {
        t.key = t.keyList = QStringLiteral("ctid");
    } else if (!withoutRowid) {
        t.rowidTable = true;
    } else {
        t.keyList = keyParts.join(QStringLiteral(", "));
        t.key = keyParts.size() == 1 ? t.keyList : QString(QLatin1Char('(') + t.keyList + QLatin1Char(')'));
    }

    // How the column writes time, from the type (PostgreSQL) or one stored value.
    QVariant sample;
    if (!m_postgres || !timeColumn->type.startsWith(QLatin1String("timestamp"))) {
        QSqlQuery s(m_db);
        if (!s.exec(text(QStringLiteral("sample"), t)))
            return queryError(s, QStringLiteral("reading %1.%2").arg(policy.table, policy.column));
        if (s.next())
            sample = s.value(0);
    }
    const auto encoding = TimeCutoff::detect(sample, m_postgres ? timeColumn->type : QString());
    if (encoding == TimeCutoff::Encoding::Unknown && !sample.isNull())
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1.%2 does not hold times (a value: \"%3\")")
                               .arg(policy.table, policy.column, sample.toString().left(40)),
                           QStringLiteral("name a column with epoch seconds/milliseconds or ISO-8601 times"));
    // An empty table: nothing expires; any encoding selects nothing.
    t.cutoff =
        TimeCutoff::make(encoding == TimeCutoff::Encoding::Unknown ? TimeCutoff::Encoding::EpochMillis : encoding,
                         now.addSecs(-policy.keepSeconds), sample);
    if (!m_postgres)
        t.cutoff.compareInstantsOnSqlite(t.quotedColumn);
    if (policy.archives()) {
        if (Error e = archiveColumns(t, cols.value()))
            return e;
    }
    return t;
}

Error RetentionStore::archiveColumns(RetentionTable &t, const QList<Column> &source) const
{
    const QString dialect = m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    const QString archive = t.policy.archiveTable;
    const QString schema =
        m_postgres ? (archive.contains(QLatin1Char('.')) ? archive.section(QLatin1Char('.'), 0, 0) : t.schema)
                   : QString();
    const QString name = archive.section(QLatin1Char('.'), -1);
    QSqlQuery q(m_db);
    QVariantList binds;
    if (m_postgres)
        binds << schema;
    binds << name;
    if (!execWith(q, SqlText::get(dialect, QStringLiteral("cleanup_table")), binds))
        return queryError(q, QStringLiteral("looking up archive table %1").arg(archive));
    if (!q.next())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no archive table %1 in the store").arg(archive),
                           QStringLiteral("create it first (e.g. CREATE TABLE %1 AS SELECT * FROM %2 WHERE false) "
                                          "or leave the archive out of the policy")
                               .arg(archive, t.policy.table));
    q.finish();
    t.quotedArchive = m_postgres ? QString(quote(schema) + QLatin1Char('.') + quote(name)) : quote(name);
    auto target = columns(schema, name);
    if (!target)
        return target.error();
    int sqliteKeyParts = 0;
    for (const Column &c : target.value())
        sqliteKeyParts += (!m_postgres && c.keyPart > 0) ? 1 : 0;
    for (const Column &a : target.value()) {
        // The archive's own generated integer key is left to the archive (seed 003: archive_old_market_data).
        const bool generated = m_postgres ? a.keyPart == 1
                                          : (a.keyPart == 1 && sqliteKeyParts == 1 &&
                                             a.type.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0);
        const auto shared = std::find_if(source.begin(), source.end(), [&](const Column &s) {
            return s.name.compare(a.name, Qt::CaseInsensitive) == 0;
        });
        if (shared != source.end() && !generated) {
            t.archiveColumns << quote(a.name);
        } else if (shared == source.end() && a.notNull && !a.hasDefault && !generated) {
            if (!kStampNames.contains(a.name.toLower()))
                return Error::make(
                    ErrorCode::Refused,
                    QStringLiteral("archive table %1 needs a value for %2, which %3 does not have")
                        .arg(archive, a.name, t.policy.table),
                    QStringLiteral("give %1 a default, or archive into a table with the same columns").arg(a.name));
            t.archiveStamps << quote(a.name);
        }
    }
    if (t.archiveColumns.isEmpty())
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("archive table %1 shares no column with %2").arg(archive, t.policy.table),
                           QStringLiteral("archive into a table with the same columns"));
    return {};
}

Expected<RetentionMeasure> RetentionStore::measure(const RetentionTable &t, bool estimateSpace) const
{
    RetentionMeasure m;
    m.table = t.label();
    m.column = t.policy.column;
    m.keep = t.policy.keepText();
    m.archiveTable = t.policy.archiveTable;
    m.encoding = TimeCutoff::encodingName(t.cutoff.encoding);
    m.cutoff = t.cutoff.at;
    QSqlQuery q(m_db);
    const QString sql = text(QStringLiteral("measure"), t);
    if (!execWith(q, sql, repeated(t.cutoff.value, sql)))
        return queryError(q, QStringLiteral("counting the expired rows of %1").arg(m.table));
    if (q.next()) {
        m.rows = q.value(0).toLongLong();
        m.oldest = q.value(1).toString();
        m.newest = q.value(2).toString();
        m.totalRows = q.value(3).toLongLong();
        m.oldestAt = TimeValue::parse(q.value(1));
        m.newestAt = TimeValue::parse(q.value(2));
    }
    q.finish();
    if (!estimateSpace)
        return m;
    QSqlQuery b(m_db);
    QVariantList binds;
    if (m_postgres)
        binds << t.schema;
    binds << t.name;
    if (execWith(b,
                 SqlText::get(m_postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"),
                              QStringLiteral("cleanup_bytes")),
                 binds) &&
        b.next())
        m.tableBytes = b.value(0).toLongLong();
    if (m.tableBytes >= 0)
        m.bytesEstimate = m.totalRows > 0 ? qint64(double(m.tableBytes) * double(m.rows) / double(m.totalRows)) : 0;
    return m;
}

Expected<qint64> RetentionStore::deleteRange(const RetentionTable &t, int limit, QVariant *cursor,
                                             qint64 *lockedMs) const
{
    const QString what = QStringLiteral("deleting expired rows of %1").arg(t.label());
    // The batch's rowid range is found by a plain read, before the write lock: where expired rows are sparse
    // (or at the end, where none are left) this scan can take long, and the bot must not wait for it.
    QSqlQuery q(m_db);
    if (!execWith(q, text(QStringLiteral("batch_bounds"), t, limit),
                  {cursor->isValid() ? cursor->toLongLong() : qint64(0), t.cutoff.value}) ||
        !q.next())
        return queryError(q, what);
    if (q.value(2).toLongLong() == 0)
        return qint64(0);
    const QVariantList range{q.value(0), q.value(1), t.cutoff.value};
    const QVariant last = q.value(1);
    q.finish();

    QElapsedTimer locked;
    locked.start();
    // The range is deleted with the cut-off again, inside the transaction: whatever the bot did to it since
    // the read above, only rows expired now go, and the archive receives exactly those.
    const QString archive = t.policy.archives() ? text(QStringLiteral("range_archive"), t) : QString();
    auto deleted = transaction(t, archive, range, text(QStringLiteral("range_delete"), t), range);
    if (!deleted)
        return deleted;
    if (lockedMs)
        *lockedMs = locked.elapsed();
    *cursor = last; // moves on even when the bot emptied the range meanwhile (0 deleted, more may follow)
    return deleted;
}

Expected<qint64> RetentionStore::transaction(const RetentionTable &t, const QString &archiveSql,
                                             const QVariantList &archiveBinds, const QString &deleteSql,
                                             const QVariantList &deleteBinds) const
{
    const QString what = QStringLiteral("deleting expired rows of %1").arg(t.label());
    QSqlQuery q(m_db);
    if (!q.exec(SqlText::sqlite("common", "begin_immediate")))
        return queryError(q, what);
    auto rollback = [this](const Error &e) -> Expected<qint64> {
        QSqlQuery(m_db).exec(SqlText::sqlite("common", "rollback"));
        return e;
    };
    qint64 archived = -1;
    if (!archiveSql.isEmpty()) {
        if (!execWith(q, archiveSql, archiveBinds))
            return rollback(queryError(q, QStringLiteral("archiving expired rows of %1").arg(t.label())));
        archived = q.numRowsAffected();
    }
    if (!execWith(q, deleteSql, deleteBinds))
        return rollback(queryError(q, what));
    const qint64 deleted = q.numRowsAffected();
    if (archived >= 0 && archived != deleted)
        return rollback(Error::make(ErrorCode::Internal,
                                    QStringLiteral("%1: archived %2 rows but would delete %3; batch rolled back")
                                        .arg(t.label())
                                        .arg(archived)
                                        .arg(deleted),
                                    QStringLiteral("nothing was changed; report this")));
    q.finish();
    if (!q.exec(SqlText::sqlite("common", "commit")))
        return rollback(queryError(q, what));
    return deleted;
}

Expected<qint64> RetentionStore::deleteBatch(const RetentionTable &t, int limit, QVariant *cursor,
                                             qint64 *lockedMs) const
{
    if (!m_postgres && t.rowidTable)
        return deleteRange(t, limit, cursor, lockedMs);
    const QString what = QStringLiteral("deleting expired rows of %1").arg(t.label());
    QSqlQuery q(m_db);
    if (m_postgres) {
        // One statement, one transaction: the CTE deletes and archives the very same rows.
        const QString sql =
            text(t.policy.archives() ? QStringLiteral("batch_archive") : QStringLiteral("batch_delete"), t, limit);
        if (!execWith(q, sql, {cursor->isValid() ? cursor->toString() : QStringLiteral("(0,0)"), t.cutoff.value}) ||
            !q.next())
            return queryError(q, what);
        const qint64 deleted = q.value(0).toLongLong();
        if (deleted > 0)
            *cursor = q.value(1).toString();
        return deleted;
    }
    const QString archive = t.policy.archives() ? text(QStringLiteral("batch_archive"), t, limit) : QString();
    const QString remove = text(QStringLiteral("batch_delete"), t, limit);
    return transaction(t, archive, repeated(t.cutoff.value, archive), remove, repeated(t.cutoff.value, remove));
}

} // namespace dbops
