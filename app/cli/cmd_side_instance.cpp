// dbops side-instance --list | --stop DIR: the side instances `restore --side-instance` made on this workstation;
// stops one and removes its directory.
#include "cliutil.h"
#include "command.h"
#include "pitr/sideinstanceregistry.h"
#include "pitr/sidestop.h"

#include <QJsonArray>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("stop"),
                 QStringLiteral("The side instance's data directory: stop it (pg_ctl stop -m fast) and remove the "
                                "directory. Only a directory with dbops's side-instance marker."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("list"),
                 QStringLiteral("List the side instances dbops made here: directory, port, running, source, moment.")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Do it (without it: say what would be stopped and removed).")});
}

int list(const Invocation &in)
{
    const QList<SideInstanceEntry> entries = SideInstanceRegistry::list();
    if (in.json()) {
        QJsonArray a;
        for (const SideInstanceEntry &e : entries)
            a.append(e.toJson());
        printJson(QJsonObject{{QStringLiteral("side_instances"), a}});
        return ExitOk;
    }
    QTextStream out(stdout);
    if (entries.isEmpty())
        out << "no side instance: `dbops restore --db PG --at TIME --side-instance DIR --port N` makes one\n";
    for (const SideInstanceEntry &e : entries)
        out << (e.running ? "running  " : "stopped  ") << e.marker.dataDirectory << "  127.0.0.1:" << e.marker.port
            << "  " << e.marker.source << " as of " << e.marker.restoredTo.toString(Qt::ISODateWithMs) << '\n';
    return ExitOk;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (p.isSet(QStringLiteral("list")))
        return list(in);
    if (!p.isSet(QStringLiteral("stop")))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("side-instance needs --list or --stop DIR"),
                                   QStringLiteral("dbops side-instance --list; dbops side-instance --stop DIR --yes")));
    const QString dir = p.value(QStringLiteral("stop"));
    auto marker = SideInstanceMarker::read(dir);
    if (!marker)
        return in.fail(marker.error());
    QJsonObject o = SideInstanceEntry{marker.value(), SideInstance(dir).running()}.toJson(); // as --list has it
    if (!p.isSet(QStringLiteral("yes"))) {
        o.insert(QStringLiteral("status"), QStringLiteral("preview"));
        if (in.json())
            printJson(o);
        else
            QTextStream(stdout) << "side instance " << marker->dataDirectory << " (port " << marker->port
                                << ", restored to " << marker->restoredTo.toString(Qt::ISODateWithMs) << ", from "
                                << marker->source << ")\nNothing was changed. To stop it and remove the directory, "
                                << "run the same command with --yes.\n";
        return ExitWarning;
    }
    if (auto stopped = SideStop::run(dir); !stopped)
        return in.fail(stopped.error());
    o.insert(QStringLiteral("status"), QStringLiteral("removed"));
    if (in.json())
        printJson(o);
    else
        QTextStream(stdout) << "stopped and removed the side instance " << marker->dataDirectory << '\n';
    return ExitOk;
}

const RegisterCommand reg({QStringLiteral("side-instance"),
                           QStringLiteral("list, or stop and remove, the side instances of restore --side-instance"),
                           QStringLiteral("--list: the side instances `dbops restore --side-instance` made on "
                                          "this workstation (JSON key side_instances). --stop: stops one it "
                                          "started (pg_ctl stop -m fast, as the cluster's owner) and removes its "
                                          "data directory. Refuses a directory without dbops's marker file. Exit 0 "
                                          "removed, 1 preview (no --yes), 2 refused or failed, 3 bad input."),
                           TargetUse::None, addOptions, run});

} // namespace
} // namespace dbops::cli
