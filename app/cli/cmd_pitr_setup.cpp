// dbops pitr-setup: the archive_command, pgbackrest.conf lines and first pgBackRest commands that put a
// PostgreSQL server under point-in-time recovery; --yes applies them on a server on this machine.
#include "cliutil.h"
#include "command.h"
#include "pitr/pitrsetup.h"
#include "pitroptions.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    addPitrOptions(p);
    p.addOption({QStringLiteral("repo"), QStringLiteral("The pgBackRest repository folder (repo1-path)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Apply the plan (a server on this machine only): write the "
                                                       "configuration, ALTER SYSTEM, reload, stanza-create, check.")});
    p.addOption({QStringLiteral("restart"),
                 QStringLiteral("With --yes: restart the server when archive_mode has to be turned on (without it, "
                                "dbops says the restart is needed and leaves it to you).")});
}

void printPlan(QTextStream &out, const PitrSetupPlan &p)
{
    out << "archive_command = '" << p.archiveCommand << "'\n\n"
        << "# " << p.configFile << '\n'
        << p.configLines.join(QLatin1Char('\n')) << "\n\n";
    for (const QString &s : p.settings)
        out << s << ";\n";
    out << "SELECT pg_reload_conf();\n";
    if (p.restartNeeded)
        out << "# archive_mode is off: the server needs a RESTART before archiving starts\n";
    for (const QString &c : p.commands)
        out << c << '\n';
    for (const QString &d : p.done)
        out << "done     " << d << '\n';
    for (const QString &d : p.pending)
        out << "TODO     " << d << '\n';
}

int run(const Invocation &in)
{
    const QCommandLineParser &o = in.options();
    PitrSetupRequest request;
    request.stanza = o.value(QStringLiteral("stanza"));
    request.repoDir = o.value(QStringLiteral("repo"));
    if (o.isSet(QStringLiteral("pgbackrest-config")))
        request.configFile = o.value(QStringLiteral("pgbackrest-config"));
    request.restart = o.isSet(QStringLiteral("restart"));
    if (request.stanza.isEmpty() || request.repoDir.isEmpty())
        return in.fail(
            Error::make(ErrorCode::Usage, QStringLiteral("pitr-setup needs --stanza and --repo"),
                        QStringLiteral("e.g. dbops pitr-setup --db PG --stanza main --repo /var/lib/pgbackrest")));
    const bool apply = o.isSet(QStringLiteral("yes"));
    if (apply)
        if (const int refused = in.refuseWhenReadOnly(QStringLiteral("pitr-setup")))
            return refused;
    auto plan = apply ? PitrSetup::apply(in.target(), request) : PitrSetup::plan(in.target(), request);
    if (!plan)
        return in.fail(plan.error());
    const QString status = !apply                    ? QStringLiteral("preview")
                           : plan->pending.isEmpty() ? QStringLiteral("ok")
                                                     : QStringLiteral("restart_needed");
    if (in.json()) {
        QJsonObject j = plan->toJson();
        j.insert(QStringLiteral("status"), status);
        printJson(j);
    } else {
        QTextStream out(stdout);
        printPlan(out, plan.value());
    }
    return status == QLatin1String("ok") ? ExitOk : ExitWarning;
}

const RegisterCommand reg(
    {QStringLiteral("pitr-setup"), QStringLiteral("set a PostgreSQL server up for pgBackRest point-in-time recovery"),
     QStringLiteral("Print what continuous WAL archiving to a pgBackRest repository takes on --db's server: the "
                    "archive_command, the pgbackrest.conf lines, the ALTER SYSTEM statements and the stanza-create / "
                    "check commands (exit 1: a preview). With --yes, on a server on this machine, apply them (exit 0; "
                    "exit 1 with status restart_needed when archive_mode was off: the server is restarted only with "
                    "--restart)."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
