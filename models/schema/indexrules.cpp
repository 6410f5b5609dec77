#include "schema/indexrules.h"

namespace dbops {

namespace {

QString cols(const QStringList &c) { return QLatin1Char('(') + c.join(QStringLiteral(", ")) + QLatin1Char(')'); }

bool isPrefix(const QStringList &shorter, const QStringList &longer)
{
    if (shorter.isEmpty() || shorter.size() > longer.size())
        return false;
    for (int i = 0; i < shorter.size(); ++i)
        if (shorter[i] != longer[i] || shorter[i] == QLatin1String("<expr>"))
            return false;
    return true;
}

// `a` is redundant beside `b`: its columns equal or lead b's, it enforces nothing b does not (a is not unique),
// and both cover every row (no partial index).
bool redundant(const IndexDef &a, const IndexDef &b)
{
    if (a.table != b.table || a.name == b.name || a.unique || a.primary || a.partial || b.partial || !b.valid)
        return false;
    if (!isPrefix(a.columns, b.columns))
        return false;
    if (a.columns.size() == b.columns.size() && !b.unique && !b.primary)
        return a.name > b.name; // two identical plain indexes: report one of them
    return true;
}

void duplicates(const SchemaShape &shape, HealthReport &report)
{
    for (const IndexDef &a : shape.indexes)
        for (const IndexDef &b : shape.indexes)
            if (redundant(a, b)) {
                const bool same = a.columns.size() == b.columns.size();
                report.add(FindingSeverity::Warn, a.table, QStringLiteral("duplicate_index"),
                           QStringLiteral("index %1 %2 is redundant: %3 %4 %5 (rule: an index whose columns equal "
                                          "or lead another index's columns); drop %1")
                               .arg(a.name, cols(a.columns), b.primary ? QStringLiteral("the primary key") : b.name,
                                    cols(b.columns),
                                    same ? QStringLiteral("covers the same columns")
                                         : QStringLiteral("starts with the same columns")));
                break;
            }
}

bool covered(const SchemaShape &shape, const ForeignKeyDef &fk)
{
    for (const IndexDef &i : shape.indexes) {
        if (i.table != fk.table || i.partial || !i.valid || i.columns.size() < fk.columns.size())
            continue;
        // the FK columns must lead the index, in any order
        QStringList lead = i.columns.mid(0, fk.columns.size());
        QStringList want = fk.columns;
        lead.sort();
        want.sort();
        if (lead == want)
            return true;
    }
    return false;
}

} // namespace

void IndexRules::check(const SchemaShape &shape, HealthReport &report)
{
    duplicates(shape, report);
    for (const ForeignKeyDef &fk : shape.foreignKeys)
        if (!covered(shape, fk))
            report.add(FindingSeverity::Warn, fk.table, QStringLiteral("fk_without_index"),
                       QStringLiteral("foreign key %1%2 → %3 has no index on %1%2 (rule: every foreign key's child "
                                      "columns lead an index): deletes and updates on %3 scan %1; "
                                      "CREATE INDEX %4 ON %1 %2")
                           .arg(fk.table, cols(fk.columns), fk.refTable,
                                QString(fk.table + QLatin1Char('_') + fk.columns.join(QLatin1Char('_')) +
                                        QStringLiteral("_idx"))
                                    .replace(QLatin1Char('.'), QLatin1Char('_'))));
    for (const QString &t : shape.tables) {
        if (!shape.hasPrimaryKey.value(t))
            report.add(FindingSeverity::Warn, t, QStringLiteral("no_primary_key"),
                       QStringLiteral("table %1 has no primary key (rule: every table has one): rows cannot be "
                                      "addressed one by one and duplicates go unnoticed")
                           .arg(t));
        bool anyIndex = false;
        for (const IndexDef &i : shape.indexes)
            anyIndex = anyIndex || i.table == t;
        if (!anyIndex) {
            const qint64 rows = shape.rows.value(t, -1);
            const bool big = rows >= kNoIndexWarnRows;
            report.add(big ? FindingSeverity::Warn : FindingSeverity::Info, t, QStringLiteral("no_index"),
                       QStringLiteral("table %1 has no index at all (%2 rows; a warning from %3 rows on): every "
                                      "lookup reads the whole table")
                           .arg(t, rows < 0 ? QStringLiteral("unknown") : QString::number(rows))
                           .arg(kNoIndexWarnRows));
        }
    }
}

} // namespace dbops
