#include "replicafixture.h"

#include "ops/litestream.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace dbops::test {

QString ReplicaFixture::make(const QString &litestream, const QString &db, const QString &replicaRoot,
                             int windowSeconds)
{
    auto plan = Litestream::plan(Target::sqliteFile(db), replicaRoot);
    if (!plan)
        return plan.error().oneLine();
    if (!QDir().mkpath(replicaRoot))
        return QStringLiteral("cannot make ") + replicaRoot;
    const QString config = QDir(replicaRoot).filePath(QStringLiteral("litestream.yml"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write(Litestream::config(plan.value())) <= 0)
        return QStringLiteral("cannot write ") + config;
    file.close();
    QProcess replicate;
    replicate.start(litestream, Litestream::replicateArguments(config));
    if (!replicate.waitForStarted())
        return QStringLiteral("litestream did not start: ") + replicate.errorString();
    int price = 1;
    const bool wide = QTest::qWaitFor(
        [&] {
            SqliteFixture::exec(db, QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES "
                                                   "('ETHUSDT', %1, datetime('now'))")
                                        .arg(price++));
            QTest::qWait(500);
            auto w = Litestream::window(litestream, replicaRoot, db);
            return w && !w->empty() && w->restorableFrom.secsTo(w->restorableTo) >= windowSeconds;
        },
        60000);
    replicate.terminate();
    replicate.waitForFinished(30000);
    return wide ? QString() : QStringLiteral("the replica's window did not reach %1 s").arg(windowSeconds);
}

} // namespace dbops::test
