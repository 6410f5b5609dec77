#include "ops/pgname.h"

#include "core/printable.h"

namespace dbops {

namespace {
// pg_restore prints TOC names through sanitize_line(): CR and LF become spaces, nothing is quoted.
QString asListed(QString name)
{
    name.replace(QLatin1Char('\n'), QLatin1Char(' '));
    name.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return name;
}
} // namespace

PgName PgName::of(const TableRows &rows)
{
    if (!rows.schema.isEmpty() && rows.name.startsWith(rows.schema + QLatin1Char('.')))
        return {rows.schema, rows.name.mid(rows.schema.size() + 1)};
    const int dot = rows.name.indexOf(QLatin1Char('.'));
    if (dot <= 0)
        return {QStringLiteral("public"), rows.name};
    return {rows.name.left(dot), rows.name.mid(dot + 1)};
}

QString PgName::key() const { return schema + QLatin1Char('.') + table; }

QString PgName::sql() const { return quote(schema) + QLatin1Char('.') + quote(table); }

QString PgName::listed() const { return asListed(schema) + QLatin1Char(' ') + asListed(table); }

QString PgName::display() const { return Printable::name(key()); }

QString PgName::quote(const QString &identifier)
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace dbops
