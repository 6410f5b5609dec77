#include "core/retentionpolicy.h"

#include "core/error.h"

#include <QRegularExpression>

namespace dbops {

namespace {

constexpr qint64 kMaxKeepSeconds = qint64(100) * 366 * 86400;

const QString kShape =
    QStringLiteral("TABLE:COLUMN:KEEP[:ARCHIVE_TABLE], e.g. market_data:timestamp:7d:archived_market_data");

bool isIdentifier(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$"));
    return re.match(name).hasMatch();
}

struct Unit {
    char suffix;
    qint64 seconds;
};
const Unit kUnits[] = {{'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

Error bad(const QString &spec, const QString &what)
{
    return Error::make(ErrorCode::Usage, QStringLiteral("retention policy \"%1\": %2").arg(spec, what),
                       QStringLiteral("write it as %1").arg(kShape));
}

} // namespace

qint64 RetentionPolicy::parseKeep(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.size() < 2)
        return -1;
    bool ok = false;
    const qint64 n = t.left(t.size() - 1).toLongLong(&ok);
    if (!ok || n <= 0)
        return -1;
    for (const Unit &u : kUnits)
        if (t.back() == QLatin1Char(u.suffix))
            return n * u.seconds;
    return -1;
}

QString RetentionPolicy::keepText() const
{
    // Weeks are accepted, days are written: "14d" reads easier than "2w".
    for (const Unit &u : kUnits)
        if (u.suffix != 'w' && keepSeconds % u.seconds == 0)
            return QString::number(keepSeconds / u.seconds) + QLatin1Char(u.suffix);
    return QString::number(keepSeconds) + QLatin1Char('s');
}

QString RetentionPolicy::spec() const
{
    QString s = table + QLatin1Char(':') + column + QLatin1Char(':') + keepText();
    if (archives())
        s += QLatin1Char(':') + archiveTable;
    return s;
}

Expected<RetentionPolicy> RetentionPolicy::parse(const QString &spec)
{
    const QStringList parts = spec.trimmed().split(QLatin1Char(':'));
    if (parts.size() < 3 || parts.size() > 4)
        return bad(spec, QStringLiteral("expected 3 or 4 parts separated by ':'"));
    RetentionPolicy p;
    p.table = parts[0].trimmed();
    p.column = parts[1].trimmed();
    p.keepSeconds = parseKeep(parts[2]);
    if (parts.size() == 4)
        p.archiveTable = parts[3].trimmed();
    if (!isIdentifier(p.table))
        return bad(spec, QStringLiteral("\"%1\" is not a table name").arg(p.table));
    if (!isIdentifier(p.column) || p.column.contains(QLatin1Char('.')))
        return bad(spec, QStringLiteral("\"%1\" is not a column name").arg(p.column));
    if (p.keepSeconds <= 0)
        return bad(spec, QStringLiteral("\"%1\" is not a duration (use 7d, 48h, 30m, 90s or 2w)").arg(parts[2]));
    if (p.keepSeconds > kMaxKeepSeconds) // before any bot's first row: a typo, and no instant to compare with
        return bad(spec, QStringLiteral("\"%1\" keeps more than 100 years").arg(parts[2]));
    if (parts.size() == 4 && !isIdentifier(p.archiveTable))
        return bad(spec, QStringLiteral("\"%1\" is not an archive table name").arg(p.archiveTable));
    if (p.archives() && p.archiveTable.compare(p.table, Qt::CaseInsensitive) == 0)
        return bad(spec, QStringLiteral("the archive table must differ from the table"));
    return p;
}

Expected<QList<RetentionPolicy>> RetentionPolicy::parseAll(const QStringList &specs)
{
    QList<RetentionPolicy> out;
    for (const QString &s : specs) {
        auto p = parse(s);
        if (!p)
            return p.error();
        for (const RetentionPolicy &seen : out)
            if (seen.table.compare(p->table, Qt::CaseInsensitive) == 0)
                return bad(s, QStringLiteral("table %1 has two policies; give one").arg(p->table));
        out << p.value();
    }
    return out;
}

bool RetentionPolicy::isProtectedTable(const QString &table)
{
    static const QRegularExpression re(
        QStringLiteral("^(.*_)?(trades?|orders?|positions?|fills?|balances?|audit(_\\w*)?|\\w*_audit|"
                       "audit_log|audit_trail|ledger|transactions)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString bare = table.section(QLatin1Char('.'), -1);
    return re.match(bare).hasMatch();
}

QStringList RetentionPolicy::protectedTables() const
{
    QStringList tables;
    for (const QString &t : {table, archiveTable})
        if (isProtectedTable(t))
            tables << t;
    return tables;
}

} // namespace dbops
