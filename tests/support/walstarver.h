#pragma once
// A trading store whose checkpoints a reader starves, for real: a bot-like writer (default auto-checkpoint)
// commits batches of about 2 MB while a second connection keeps a read transaction open (as Litestream does),
// and the SQLite samples the Activity tab records are taken of the real files between batches.
#include "activity/activityhistory.h"
#include "botconnection.h"

#include <memory>

namespace dbops::test {

class WalStarver {
public:
    explicit WalStarver(const QString &store); // the store must exist, in WAL mode, with a trades table
    // The reader begins its transaction and reads: from now on no checkpoint gets past its snapshot.
    bool holdReader();
    bool endReader();
    // One batch of the writer, committed.
    bool writeBatch();
    // The store's sample now (PoolProbe, read-only), as the Activity tab takes it every interval.
    SqliteSample sample() const;
    // `batches` times: a batch, then a sample; the samples in order (the first one before any batch).
    QList<SqliteSample> writeAndSample(int batches);

private:
    QString m_store;
    std::unique_ptr<BotConnection> m_writer;
    std::unique_ptr<BotConnection> m_reader;
};

} // namespace dbops::test
