#include "restorefixture.h"

#include "ops/backupservice.h"
#include "ops/restoreplan.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace dbops::test {

namespace {

QString backUp(const Target &target, const QString &backupDir)
{
    BackupRequest request;
    request.outDir = backupDir;
    request.audit = false;
    auto backup = BackupService::backup(target, request, {});
    if (!backup) {
        qWarning("fixture backup failed: %s", qPrintable(backup.error().oneLine()));
        return {};
    }
    return backup->path;
}

bool createSignals(const QString &path, int rows)
{
    QStringList sql{QStringLiteral("CREATE TABLE signals (id INTEGER PRIMARY KEY, name TEXT, created_at TEXT)")};
    for (int i = 1; i <= rows; ++i)
        sql << QStringLiteral("INSERT INTO signals (name, created_at) VALUES ('s%1', '2026-01-0%1T00:00:00Z')").arg(i);
    return SqliteFixture::create(path, sql, true);
}

} // namespace

bool RestoreFixture::divergeAfterBackup(const QString &path)
{
    QStringList sql{QStringLiteral("BEGIN")};
    for (int i = 1; i <= kNewerTrades; ++i)
        sql << QStringLiteral(
                   "INSERT INTO trades (symbol, price, created_at) VALUES ('ETHUSDT', 3000, '2026-02-01T00:0%1:00Z')")
                   .arg(i);
    sql << QStringLiteral("INSERT INTO orders (trade_id, status) VALUES (1, 'NEW'), (2, 'NEW')")
        << QStringLiteral("CREATE TABLE scratch (x INTEGER)")
        << QStringLiteral("INSERT INTO scratch VALUES (1), (2), (3)") << QStringLiteral("PRAGMA user_version = 5")
        << QStringLiteral("COMMIT");
    return SqliteFixture::create(path, sql, false);
}

QString RestoreFixture::createDivergedStore(const QString &live, const QString &backupDir)
{
    if (!QDir().mkpath(QFileInfo(live).absolutePath()) ||
        !SqliteFixture::createTradingStore(live, kBackupTrades, true) ||
        !SqliteFixture::create(live, {QStringLiteral("PRAGMA user_version = 4")}, false))
        return {};
    const QString backup = backUp(Target::sqliteFile(live), backupDir);
    if (backup.isEmpty() || !divergeAfterBackup(live))
        return {};
    return backup;
}

QString RestoreFixture::createDivergedDataDir(const QString &dataDir, const QString &backupDir)
{
    const QString trading = dataDir + QStringLiteral("/trading/trading.db");
    const QString signalsDb = dataDir + QStringLiteral("/research/signals.db");
    if (!QDir().mkpath(QFileInfo(trading).absolutePath()) || !QDir().mkpath(QFileInfo(signalsDb).absolutePath()) ||
        !SqliteFixture::createTradingStore(trading, kBackupTrades, true) ||
        !SqliteFixture::create(trading, {QStringLiteral("PRAGMA user_version = 4")}, false) ||
        !createSignals(signalsDb, kBackupSignals))
        return {};
    const QString backup = backUp(Target::dataDir(dataDir), backupDir);
    if (backup.isEmpty() || !divergeAfterBackup(trading))
        return {};
    QStringList more;
    for (int i = 1; i <= kNewerSignals; ++i)
        more << QStringLiteral("INSERT INTO signals (name, created_at) VALUES ('n%1', '2026-02-0%1T00:00:00Z')").arg(i);
    return SqliteFixture::create(signalsDb, more, true) ? backup : QString();
}

const TableImpact *RestoreFixture::tableOf(const RestorePlan &plan, const QString &name)
{
    for (const TableImpact &t : plan.impact.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace dbops::test
