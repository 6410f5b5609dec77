#include "schema/healthreport.h"

#include <QJsonArray>

namespace dbops {

QString HealthFinding::severityName(FindingSeverity s)
{
    switch (s) {
    case FindingSeverity::Critical: return QStringLiteral("critical");
    case FindingSeverity::Warn: return QStringLiteral("warn");
    case FindingSeverity::Info: break;
    }
    return QStringLiteral("info");
}

QJsonObject HealthFinding::toJson() const
{
    return {{QStringLiteral("severity"), severityName(severity)},
            {QStringLiteral("table"), table.isEmpty() ? QJsonValue() : QJsonValue(table)},
            {QStringLiteral("code"), code},
            {QStringLiteral("message"), message}};
}

QString bareTableName(const QString &name, const QString &store)
{
    if (store.isEmpty())
        return name;
    if (name == store)
        return {};
    const QString prefix = store + QLatin1Char(':');
    return name.startsWith(prefix) ? name.mid(prefix.size()) : name;
}

QString TableHealth::bareName() const { return bareTableName(name, store); }

QJsonObject TableHealth::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("rows"), rows < 0 ? QJsonValue() : QJsonValue(double(rows))},
                  {QStringLiteral("rows_exact"), rowsExact},
                  {QStringLiteral("bytes"), double(bytes())},
                  {QStringLiteral("table_bytes"), double(tableBytes)},
                  {QStringLiteral("index_bytes"), double(indexBytes)}};
    if (deadTuples >= 0) {
        o.insert(QStringLiteral("dead_tuples"), double(deadTuples));
        o.insert(QStringLiteral("dead_percent"), deadPercent);
        o.insert(QStringLiteral("last_vacuum"), lastVacuum);
        o.insert(QStringLiteral("last_autovacuum"), lastAutovacuum);
        o.insert(QStringLiteral("last_analyze"), lastAnalyze);
        o.insert(QStringLiteral("last_autoanalyze"), lastAutoanalyze);
        o.insert(QStringLiteral("seq_scans"), double(seqScans));
        o.insert(QStringLiteral("idx_scans"), double(idxScans));
    }
    if (!timeColumn.isEmpty()) {
        o.insert(QStringLiteral("time_column"), timeColumn);
        o.insert(QStringLiteral("oldest"), oldest);
        o.insert(QStringLiteral("newest"), newest);
        o.insert(QStringLiteral("last_write_age_s"),
                 lastWriteAgeS < 0 ? QJsonValue() : QJsonValue(double(lastWriteAgeS)));
        o.insert(QStringLiteral("age_approximate"), ageApproximate);
    }
    return o;
}

void HealthReport::add(FindingSeverity severity, const QString &table, const QString &code, const QString &message)
{
    findings << HealthFinding{severity, table, code, message, {}};
}

QString HealthReport::status() const
{
    FindingSeverity worst = FindingSeverity::Info;
    for (const HealthFinding &f : findings)
        worst = std::max(worst, f.severity);
    return worst == FindingSeverity::Critical ? QStringLiteral("critical")
           : worst == FindingSeverity::Warn   ? QStringLiteral("warn")
                                              : QStringLiteral("ok");
}

int HealthReport::exitCode() const
{
    const QString s = status();
    return s == QLatin1String("critical") ? 2 : s == QLatin1String("warn") ? 1 : 0;
}

QJsonObject HealthReport::toJson() const
{
    QJsonArray t, f;
    for (const TableHealth &x : tables)
        t.append(x.toJson());
    for (const HealthFinding &x : findings)
        f.append(x.toJson());
    return {{QStringLiteral("status"), status()},
            {QStringLiteral("engine"), engine},
            {QStringLiteral("location"), location},
            {QStringLiteral("tables"), t},
            {QStringLiteral("findings"), f},
            {QStringLiteral("facts"), facts},
            {QStringLiteral("checks_run"), QJsonArray::fromStringList(checksRun)}};
}

void HealthReport::merge(const HealthReport &other, const QString &prefix)
{
    const QString p = prefix + QLatin1Char(':');
    for (TableHealth t : other.tables) {
        t.name.prepend(p);
        t.store = prefix;
        tables << t;
    }
    for (HealthFinding f : other.findings) {
        f.table = f.table.isEmpty() ? prefix : p + f.table;
        f.store = prefix;
        findings << f;
    }
    facts.insert(prefix, other.facts);
    for (const QString &c : other.checksRun)
        if (!checksRun.contains(c))
            checksRun << c;
}

} // namespace dbops
