#include "ops/replicajobs.h"

#include "connection/profilestore.h"

#include <QFileInfo>

namespace dbops {

ReplicaReading ReplicaJobs::readNow(const Target &target, const QString &replicaRoot)
{
    ReplicaReading r;
    if (target.kind != Target::Kind::SqliteFile)
        return r;
    if (QFileInfo::exists(target.path))
        r.lastWrite = Litestream::lastWrite(target.path);
    r.replicaRoot = replicaRoot.isEmpty() ? ProfileStore().replicaOf(target) : replicaRoot;
    if (r.replicaRoot.isEmpty())
        return r;
    auto binary = Litestream::find();
    if (!binary) {
        r.error = binary.error();
        return r;
    }
    auto window = Litestream::window(binary.value(), r.replicaRoot, target.path);
    if (!window) {
        r.error = window.error();
        return r;
    }
    r.hasWindow = true;
    r.window = window.value();
    return r;
}

Job ReplicaJobs::read(const Target &target, const QString &replicaRoot)
{
    return
        [target, replicaRoot](JobContext &) -> QVariant { return QVariant::fromValue(readNow(target, replicaRoot)); };
}

} // namespace dbops
