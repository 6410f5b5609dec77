// dbops compare --table T --copy-back [--yes]: one table's rows back from a side instance into the live database.
#include "cliutil.h"
#include "compareback.h"
#include "core/format.h"
#include "opsprogress.h"
#include "pitr/copyback.h"

namespace dbops::cli {

void addCopyBackOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("table"),
                 QStringLiteral("With --copy-back: the table (schema.table, or a table of "
                                "the schema public)."),
                 QStringLiteral("T")});
    p.addOption({QStringLiteral("copy-back"),
                 QStringLiteral("Replace the rows of --table in --db with those of --with, in one transaction, after a "
                                "safety dump of the table (without --yes: rows now and after only).")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("With --copy-back: do it.")});
    p.addOption({QStringLiteral("safety-dir"),
                 QStringLiteral("With --copy-back: folder for the safety dump (default: the backup folder)."),
                 QStringLiteral("DIR")});
}

int runCopyBack(const Invocation &in, const Target &other)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("table")))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("--copy-back needs --table T"),
                                   QStringLiteral("dbops compare --db PG --with URI --table T --copy-back --yes")));
    const bool yes = p.isSet(QStringLiteral("yes"));
    if (yes)
        if (const int code = in.refuseWhenReadOnly(
                QStringLiteral("copy-back of %1 into %2").arg(p.value(QStringLiteral("table")), in.target().display())))
            return code;
    CopyBackRequest request;
    request.table = p.value(QStringLiteral("table"));
    request.safetyDir = p.value(QStringLiteral("safety-dir"));
    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    auto result = yes ? CopyBack::apply(in.target(), other, request, control)
                      : CopyBack::preview(in.target(), other, request, control);
    if (!result)
        return result.error().code == ErrorCode::Refused ? fail(result.error(), in.json(), QStringLiteral("refused"))
                                                         : in.fail(result.error());
    output(result.value(), in.json(), [&](QTextStream &out, const CopyBackResult &r) {
        out << "table       " << r.table.display() << "\nrows now    " << Format::count(r.rowsNow) << "\nrows after  "
            << Format::count(r.rowsAfter) << " (from " << other.display() << ")\n";
        if (r.applied)
            out << "safety dump " << r.safetyDump << "\ncopied back in one transaction.\n";
        else
            out << "\nNothing was changed. To copy the rows back, run the same command with --yes.\n";
    });
    return yes ? ExitOk : ExitWarning;
}

} // namespace dbops::cli
