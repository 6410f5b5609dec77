// dbops compare --db PG --with URI: rows and newest timestamp per table on both sides; --table T --copy-back
// puts one table's rows back from the other database (a side instance) into the live one.
#include "cliutil.h"
#include "command.h"
#include "compareback.h"
#include "connection/targetparser.h"
#include "core/format.h"
#include "core/printable.h"
#include "opsprogress.h"
#include "pitr/tablecompare.h"

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption(
        {QStringLiteral("with"),
         QStringLiteral("The other PostgreSQL database (a side instance's URI, a profile): compared with --db."),
         QStringLiteral("URI")});
    addCopyBackOptions(p);
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
}

QString rows(qint64 n) { return n < 0 ? QStringLiteral("-") : Format::count(n); }

void printCompare(QTextStream &out, const CompareResult &r)
{
    out << "live   " << r.live << "\nother  " << r.other << "\n\n"
        << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("table"), -28)
               .arg(QStringLiteral("rows live"), 10)
               .arg(QStringLiteral("rows other"), 10)
               .arg(QStringLiteral("newest live"), -30)
               .arg(QStringLiteral("newest other"), -30)
               .arg(QStringLiteral(""));
    for (const TableDiff &t : r.tables)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(Printable::name(t.table), -28)
                   .arg(rows(t.live.rows), 10)
                   .arg(rows(t.other.rows), 10)
                   .arg(t.live.newest.isEmpty() ? QStringLiteral("-") : t.live.newest, -30)
                   .arg(t.other.newest.isEmpty() ? QStringLiteral("-") : t.other.newest, -30)
                   .arg(!t.onlyIn().isEmpty() ? QStringLiteral("only in ") + t.onlyIn()
                        : t.differs()         ? QStringLiteral("differs")
                                              : QString());
    out << '\n'
        << (r.differing() ? QStringLiteral("%1 of %2 tables differ.\n").arg(r.differing()).arg(r.tables.size())
                          : QStringLiteral("No table differs.\n"));
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("with")))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("compare needs --with URI"),
                                   QStringLiteral("dbops compare --db PG --with postgresql://user@127.0.0.1:PORT/db")));
    auto other = TargetParser::parse(p.value(QStringLiteral("with")));
    if (!other)
        return in.fail(other.error());
    if (p.isSet(QStringLiteral("copy-back")))
        return runCopyBack(in, other.value());
    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    auto result = TableCompare::run(in.target(), other.value(), control);
    if (!result)
        return in.fail(result.error());
    output(result.value(), in.json(), printCompare);
    return result->differing() ? ExitWarning : ExitOk;
}

const RegisterCommand
    reg({QStringLiteral("compare"), QStringLiteral("rows and newest timestamp per table, live vs. a side instance"),
         QStringLiteral("Compares two PostgreSQL databases table by table: exact row counts and the newest value of "
                        "the column that dates the rows, each side read in one snapshot. Meant for the live database "
                        "and a side instance restored to before a bad minute (dbops restore --side-instance). "
                        "--table T --copy-back --yes puts that table's rows back from --with into --db in one "
                        "transaction, after a safety dump of the table. Exit 0 no table differs (or copied back), 1 "
                        "tables differ (or a copy-back preview), 2 failed or refused, 3 bad input."),
         TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
