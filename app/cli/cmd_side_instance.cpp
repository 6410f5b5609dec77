// dbops side-instance --stop DIR: stops a side instance `restore --side-instance` made, and removes its directory.
#include "cliutil.h"
#include "command.h"
#include "pitr/sidestop.h"

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("stop"),
                 QStringLiteral("The side instance's data directory: stop it (pg_ctl stop -m fast) and remove the "
                                "directory. Only a directory with dbops's side-instance marker."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("yes"), QStringLiteral("Do it (without it: say what would be stopped and removed).")});
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("stop")))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("side-instance needs --stop DIR"),
                                   QStringLiteral("dbops side-instance --stop DIR --yes")));
    const QString dir = p.value(QStringLiteral("stop"));
    auto marker = SideInstanceMarker::read(dir);
    if (!marker)
        return in.fail(marker.error());
    QJsonObject o = marker->toJson();
    o.insert(QStringLiteral("data_directory"), marker->dataDirectory);
    const SideInstance side(dir);
    o.insert(QStringLiteral("running"), side.running());
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
                           QStringLiteral("stop and remove a side instance made by restore --side-instance"),
                           QStringLiteral("Stops a PostgreSQL side instance that `dbops restore --side-instance` "
                                          "started (pg_ctl stop -m fast, as the cluster's owner) and removes its "
                                          "data directory. Refuses a directory without dbops's marker file. Exit 0 "
                                          "removed, 1 preview (no --yes), 2 refused or failed, 3 bad input."),
                           TargetUse::None, addOptions, run});

} // namespace
} // namespace dbops::cli
