#pragma once
// Packing a finished staging folder: SHA256SUMS beside its files, then the system's `tar -czf` into a temporary
// name in the destination folder, flushed and renamed, so a reader never sees half an archive.
#include "core/error.h"
#include "worker/opcontrol.h"

#include <QStringList>

namespace dbops {

class IncidentArchive {
public:
    // "<sha256>  <name>\n" for each file, relative to `dir`: the format `sha256sum -c` reads.
    static Expected<QByteArray> checksums(const QString &dir, const QStringList &files);
    // Packs `parent`/`folder` into `finalPath` (.tar.gz). Cancelled: tar is stopped, nothing left behind.
    static Error pack(const QString &parent, const QString &folder, const QString &finalPath, const OpControl &control);
};

} // namespace dbops
