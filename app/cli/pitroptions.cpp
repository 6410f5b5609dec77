#include "pitroptions.h"

namespace dbops::cli {

void addPitrOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("stanza"),
                 QStringLiteral("PostgreSQL: the pgBackRest stanza of the server (default: the profile's stanza=, "
                                "else the stanza whose system identifier is the server's)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("pgbackrest-config"),
                 QStringLiteral("PostgreSQL: pgBackRest's configuration file (default: the profile's "
                                "pgbackrest_config=, else pgBackRest's own default)."),
                 QStringLiteral("FILE")});
}

PitrSource pitrSource(const QCommandLineParser &p, const Target &target)
{
    return PitrSource{p.value(QStringLiteral("stanza")), p.value(QStringLiteral("pgbackrest-config"))}.withProfile(
        target);
}

} // namespace dbops::cli
