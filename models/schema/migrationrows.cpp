#include "schema/migrationrows.h"

#include "dialect/sqltext.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace dbops {

QString TableRef::qualified(const QSqlDatabase &db) const
{
    const QString quoted = db.driver()->escapeIdentifier(name, QSqlDriver::TableName);
    return schema.isEmpty() ? quoted
                            : db.driver()->escapeIdentifier(schema, QSqlDriver::TableName) + QLatin1Char('.') + quoted;
}

QString TableRef::display() const
{
    return schema.isEmpty() || schema == QLatin1String("public") ? name : schema + QLatin1Char('.') + name;
}

namespace {
Error queryError(const QSqlQuery &q, const QString &what)
{
    // The driver's text ("… Unable to execute statement") is detail, not the message.
    const QSqlError e = q.lastError();
    return Error::make(ErrorCode::QueryFailed, QStringLiteral("cannot read %1").arg(what),
                       QStringLiteral("check that the console's user may read the migration tables"),
                       e.databaseText().isEmpty() ? e.text() : e.databaseText());
}
} // namespace

Expected<QList<TableRef>> MigrationRows::tables(QSqlDatabase db, const QString &dialect)
{
    QSqlQuery q(db);
    if (!q.exec(SqlText::get(dialect, QStringLiteral("schema_tables"))))
        return queryError(q, QStringLiteral("the table list"));
    QList<TableRef> list;
    while (q.next())
        list << TableRef{q.value(0).toString(), q.value(1).toString()};
    return list;
}

Expected<MigrationTable> MigrationRows::read(QSqlDatabase db, const QString &dialect, const TableRef &ref)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString sql = SqlText::get(dialect, QStringLiteral("schema_rows"));
    sql.replace(QLatin1String("{table}"), ref.qualified(db));
    if (!q.exec(sql))
        return queryError(q, ref.display());
    MigrationTable table;
    const QSqlRecord header = q.record();
    for (int i = 0; i < header.count(); ++i)
        table.columns << header.fieldName(i).toLower();
    while (q.next()) {
        MigrationRow row;
        for (int i = 0; i < table.columns.size(); ++i)
            row.insert(table.columns[i], q.value(i));
        table.rows << row;
    }
    return table;
}

QString MigrationRows::text(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.userType() == QMetaType::QDateTime)
        return value.toDateTime().toString(Qt::ISODateWithMs);
    return value.toString();
}

} // namespace dbops
