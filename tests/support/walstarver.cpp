#include "walstarver.h"

#include "activity/poolprobe.h"
#include "connection/target.h"

namespace dbops::test {

namespace {
constexpr int kRowsPerBatch = 500; // ~3 KB each: about 2 MB of WAL a batch, half the auto-checkpoint size
constexpr int kIntervalMs = 5000;  // the sampling interval the samples claim: a slow machine makes no gap
} // namespace

WalStarver::WalStarver(const QString &store)
    : m_store(store), m_writer(std::make_unique<BotConnection>(store)), m_reader(std::make_unique<BotConnection>(store))
{}

bool WalStarver::holdReader()
{
    return m_reader->exec(QStringLiteral("BEGIN")) && m_reader->exec(QStringLiteral("SELECT count(*) FROM trades"));
}

bool WalStarver::endReader() { return m_reader->exec(QStringLiteral("COMMIT")); }

bool WalStarver::writeBatch()
{
    if (!m_writer->exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    for (int i = 0; i < kRowsPerBatch; ++i)
        if (!m_writer->exec(QStringLiteral("INSERT INTO trades (symbol, price, created_at) "
                                           "VALUES ('WAL', %1, zeroblob(3000))")
                                .arg(i)))
            return false;
    return m_writer->exec(QStringLiteral("COMMIT"));
}

SqliteSample WalStarver::sample() const
{
    auto pool = PoolProbe::runSqlite(Target::sqliteFile(m_store), {});
    return pool ? SqliteSample::fromPool(pool.value(), kIntervalMs) : SqliteSample{};
}

QList<SqliteSample> WalStarver::writeAndSample(int batches)
{
    QList<SqliteSample> samples{sample()};
    for (int i = 0; i < batches; ++i) {
        if (!writeBatch())
            return {};
        samples << sample();
    }
    return samples;
}

} // namespace dbops::test
