// dbops restore --db PG --at TIME --side-instance DIR --port N: the cluster as of TIME in a side instance.
#include "cliutil.h"
#include "ops/restoreat.h"
#include "opsprogress.h"
#include "pitr/siderestore.h"
#include "pitroptions.h"
#include "restoreside.h"

namespace dbops::cli {

namespace {
void printSide(QTextStream &out, const SideRestoreResult &r)
{
    out << "restored   stanza " << r.info.stanza << " as of " << r.restoredTo.toString(Qt::ISODateWithMs) << '\n'
        << "newest     commit in it: "
        << (r.lastCommit.isValid() ? r.lastCommit.toString(Qt::ISODateWithMs)
                                   : QStringLiteral("none after the backup it started from"))
        << '\n'
        << "running    side instance in " << r.dataDirectory << " on 127.0.0.1:" << r.port << '\n'
        << "connect    psql '" << r.uri() << "'   (the live server's roles and passwords)\n"
        << "compare    dbops compare --db '" << r.source << "' --with '" << r.uri() << "'\n"
        << "stop       dbops side-instance --stop " << r.dataDirectory << '\n';
    if (!r.warning.isEmpty())
        out << "warning    " << r.warning << '\n';
}
} // namespace

void addSideInstanceOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("side-instance"),
                 QStringLiteral("PostgreSQL, with --at: restore the cluster as of TIME (pgBackRest) into DIR (new or "
                                "empty) and start it there on --port, beside the live server."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("port"), QStringLiteral("With --side-instance: its TCP port on 127.0.0.1."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("timeout"),
                 QStringLiteral("With --side-instance: seconds to wait for it to reach TIME and be promoted "
                                "(default 600)."),
                 QStringLiteral("SECONDS")});
    addPitrOptions(p);
}

int runSideInstance(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("at")) || !p.isSet(QStringLiteral("port")) || !p.positionalArguments().isEmpty())
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("restore --side-instance needs --at and --port"),
                                   QStringLiteral("dbops restore --db PG --at TIME --side-instance DIR --port N")));
    auto moment = RestoreAt::parseMoment(p.value(QStringLiteral("at")));
    if (!moment)
        return in.fail(moment.error());
    bool ok = false;
    SideRestoreRequest request;
    request.moment = moment->toUTC();
    request.dataDirectory = p.value(QStringLiteral("side-instance"));
    request.port = p.value(QStringLiteral("port")).toInt(&ok);
    if (!ok)
        return in.fail(
            Error::make(ErrorCode::Usage,
                        QStringLiteral("--port wants a number, not \"%1\"").arg(p.value(QStringLiteral("port")))));
    auto timeout = numberOption(p, QStringLiteral("timeout"), request.timeoutS, QStringLiteral("restore"));
    if (!timeout)
        return in.fail(timeout.error());
    request.timeoutS = int(timeout.value());
    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    auto result = SideRestoreService::run(in.target(), request, pitrSource(p, in.target()), control);
    if (!result)
        return in.fail(result.error());
    output(result.value(), in.json(), printSide);
    return ExitOk;
}

} // namespace dbops::cli
