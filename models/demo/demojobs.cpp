#include "demo/demojobs.h"

#include "demo/demostore.h"

#include <QFileInfo>
#include <spdlog/spdlog.h>

namespace dbops {

Job DemoJobs::prepare(const QString &directory)
{
    return [directory](JobContext &) -> QVariant {
        if (!QFileInfo::exists(DemoStore::tradingDbPath(directory))) {
            spdlog::info("creating the demo store in {}", directory.toStdString());
            if (Error e = DemoStore::create(directory, DemoOptions::endingNow()))
                return QVariant::fromValue(e);
        }
        return QVariant::fromValue(Target::dataDir(directory));
    };
}

} // namespace dbops
