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
const QLatin1String kPermissionDenied("42501"); // SQLSTATE insufficient_privilege

// The user a GRANT would name; empty when even that cannot be read.
QString grantUser(QSqlDatabase db, const QString &dialect)
{
    QSqlQuery q(db);
    return q.exec(SqlText::get(dialect, QStringLiteral("schema_grant_user"))) && q.next() ? q.value(0).toString()
                                                                                          : QString();
}

Error queryError(const QSqlQuery &q, const QString &what)
{
    // The driver's text ("… Unable to execute statement") is detail, not the message.
    const QSqlError e = q.lastError();
    Error error = Error::make(ErrorCode::QueryFailed, QStringLiteral("cannot read %1").arg(what),
                              QStringLiteral("check that the console's user may read the migration tables"),
                              e.databaseText().isEmpty() ? e.text() : e.databaseText());
    error.sqlState = e.nativeErrorCode();
    return error;
}

// The table exists but may not be read: say so, with the grant that helps.
Error deniedError(QSqlDatabase db, const QString &dialect, const TableRef &ref, const Error &e)
{
    QString user = grantUser(db, dialect);
    if (user.isEmpty())
        user = QStringLiteral("<the console's user>");
    QString grant = QStringLiteral("GRANT SELECT ON %1 TO %2").arg(ref.qualified(db), user);
    if (e.detail.contains(QLatin1String("for schema"))) // the schema itself is closed to it
        grant.prepend(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2; ")
                          .arg(db.driver()->escapeIdentifier(ref.schema, QSqlDriver::TableName), user));
    Error denied = Error::make(ErrorCode::QueryFailed,
                               QStringLiteral("cannot read %1: permission denied").arg(ref.display()), grant, e.detail);
    denied.sqlState = e.sqlState;
    return denied;
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
    if (!q.exec(sql)) {
        const Error e = queryError(q, ref.display());
        if (!MigrationRows::permissionDenied(e))
            return e;
        return deniedError(db, dialect, ref, e);
    }
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

bool MigrationRows::permissionDenied(const Error &error) { return error.sqlState == kPermissionDenied; }

QString MigrationRows::text(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.userType() == QMetaType::QDateTime)
        return value.toDateTime().toString(Qt::ISODateWithMs);
    return value.toString();
}

} // namespace dbops
