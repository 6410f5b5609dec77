#pragma once
// The options that point a command at a pgBackRest stanza (--stanza, --pgbackrest-config), shared by backups,
// backup --engine pgbackrest and pitr-setup; the profile's stanza= / pgbackrest_config= fill in what is unset.
#include "pitr/pitrlocator.h"

#include <QCommandLineParser>

namespace dbops::cli {

void addPitrOptions(QCommandLineParser &parser);
PitrSource pitrSource(const QCommandLineParser &parser, const Target &target);

} // namespace dbops::cli
