#include "demo/demostore.h"

#include "demo/demoaccount.h"
#include "demo/demoevents.h"
#include "demo/demofiles.h"
#include "demo/demomarket.h"
#include "demo/demorandom.h"
#include "demo/demosidestores.h"
#include "demo/demosql.h"

#include <QDir>
#include <QFileInfo>

namespace dbops {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

Error checkOptions(const DemoOptions &opts)
{
    QString problem;
    if (!opts.now.isValid())
        problem = QStringLiteral("the base time is not valid");
    else if (opts.symbols.isEmpty())
        problem = QStringLiteral("no symbols given");
    else if (opts.days < 1 || opts.days > 366)
        problem = QStringLiteral("days must be between 1 and 366");
    else if (opts.marketDataDays < 1 || opts.marketDataDays > opts.days)
        problem = QStringLiteral("market data days must be between 1 and days");
    if (problem.isEmpty())
        return {};
    return Error::make(ErrorCode::Usage, QStringLiteral("cannot create the demo: %1").arg(problem));
}

Error prepareDirectory(const QString &outDir)
{
    const QFileInfo info(outDir);
    if (info.exists() && !info.isDir())
        return Error::make(ErrorCode::Usage, QStringLiteral("%1 is a file, not a directory").arg(outDir),
                           QStringLiteral("name a new or empty directory for the demo"));
    if (info.exists() && !QDir(outDir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("%1 is not empty; the demo needs a new or empty directory").arg(outDir),
                           QStringLiteral("name another directory, or empty this one yourself"));
    if (!QDir().mkpath(outDir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create %1").arg(outDir),
                           QStringLiteral("check the permissions of its parent directory"));
    return {};
}

Error makeDirs(const QString &root, const QStringList &dirs)
{
    for (const QString &d : dirs)
        if (!QDir(root).mkpath(d))
            return Error::make(ErrorCode::Io, QStringLiteral("cannot create %1/%2").arg(root, d),
                               QStringLiteral("check free space and permissions"));
    return {};
}

// Applies the preamble and the first kAppliedMigrations sections, recording each in schema_migrations as the
// bot's runner did: a day apart, ending the day before the generated history starts.
Error applyMigrations(QSqlDatabase db, const QString &preamble, const QList<DemoSql::Section> &migrations,
                      const DemoOptions &opts, const QString &path)
{
    if (Error e = DemoSql::execScript(db, preamble, path))
        return e;
    for (int i = 0; i < DemoRules::kAppliedMigrations; ++i)
        if (Error e = DemoSql::execScript(db, migrations[i].body, path))
            return e;
    const qint64 startMs = opts.now.toMSecsSinceEpoch() - opts.days * kDayMs;
    DemoInserter insert(db, QStringLiteral("demo_insert_migration"), path);
    for (int i = 0; i < DemoRules::kAppliedMigrations; ++i) {
        const qint64 at = startMs - (DemoRules::kAppliedMigrations - i) * kDayMs + 9 * kHourMs + i * 7 * kMinuteMs;
        insert.add({migrations[i].key, migrations[i].name, DemoSql::isoUtc(at)});
    }
    return insert.finish();
}

Error writeTradingDb(const QString &path, const QString &backupPath, const QString &preamble,
                     const QList<DemoSql::Section> &migrations, const QVector<DemoSeries> &market,
                     const DemoOptions &opts, DemoRandom &rng)
{
    DemoDatabase store(path);
    if (store.error())
        return store.error();
    QSqlDatabase db = store.db();
    if (Error e = applyMigrations(db, preamble, migrations, opts, path))
        return e;
    if (Error e = DemoMarket::writeCandles(db, market, path))
        return e;
    if (Error e = DemoMarket::writeMarketData(db, market, opts, path))
        return e;
    if (Error e = DemoMarket::writeIndicationStates(db, market, opts, path))
        return e;
    if (Error e = DemoAccount::write(db, market, opts, rng, path))
        return e;
    if (Error e = DemoEvents::writeSignals(db, market, opts, rng, path))
        return e;
    if (Error e = DemoEvents::writeErrorLogs(db, opts, rng, path))
        return e;
    QSqlQuery backup(db);
    backup.prepare(DemoSql::query(QStringLiteral("demo_backup_into")));
    backup.addBindValue(backupPath);
    if (!backup.exec())
        return DemoSql::failure(backup, backupPath, QStringLiteral("back up into"));
    return {};
}

} // namespace

QString DemoStore::tradingDbPath(const QString &dir) { return dir + QStringLiteral("/trading/trading.db"); }

QString DemoStore::writerLockPath(const QString &dir) { return dir + QStringLiteral("/trading/.writer.lock"); }

QString DemoStore::backupPath(const QString &dir, const DemoOptions &opts)
{
    return dir + QStringLiteral("/backups/trading/%1/trading.db")
                     .arg(opts.now.toUTC().toString(QStringLiteral("yyyy-MM-dd")));
}

Error DemoStore::create(const QString &outDir, const DemoOptions &opts)
{
    if (Error e = checkOptions(opts))
        return e;
    const Expected<QString> schema = DemoSql::resource(QStringLiteral("demo_schema"));
    if (!schema)
        return schema.error();
    QList<DemoSql::Section> migrations = DemoSql::sections(schema.value(), QStringLiteral("-- migration:"));
    const QString preamble =
        !migrations.isEmpty() && migrations.first().key.isEmpty() ? migrations.takeFirst().body : QString();
    if (migrations.size() != DemoRules::kMigrations)
        return Error::make(ErrorCode::Internal, QStringLiteral("demo_schema.sql holds %1 migrations, expected %2")
                                                    .arg(migrations.size())
                                                    .arg(DemoRules::kMigrations));
    if (Error e = prepareDirectory(outDir))
        return e;
    const QString root = QDir(outDir).absolutePath();
    const QString date = opts.now.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
    if (Error e =
            makeDirs(root, {QStringLiteral("trading/migrations"), QStringLiteral("signals"), QStringLiteral("config"),
                            QStringLiteral("market_data"), QStringLiteral("backups/trading/") + date}))
        return e;

    DemoRandom rng(opts.seed);
    const QVector<DemoSeries> market = DemoMarket::generate(opts, rng);
    if (Error e = writeTradingDb(tradingDbPath(root), backupPath(root, opts), preamble, migrations, market, opts, rng))
        return e;
    if (Error e = DemoSideStores::writeSignalsDb(root + QStringLiteral("/signals/signals.db"), market, opts, rng))
        return e;
    if (Error e = DemoSideStores::writeConfigDb(root + QStringLiteral("/config/config.db"), opts))
        return e;
    if (Error e = DemoFiles::writeMigrations(root + QStringLiteral("/trading/migrations"), migrations))
        return e;
    if (Error e = DemoFiles::write(root + QStringLiteral("/market_data/.schema_version"), QByteArrayLiteral("1.0.0")))
        return e;
    if (Error e = DemoFiles::writeDuckDbStandIn(root + QStringLiteral("/market_data/candles_%1.duckdb").arg(date)))
        return e;
    if (Error e = DemoFiles::writeSettingsJson(root + QStringLiteral("/settings.json")))
        return e;
    Error lockError;
    DemoFiles::writeStaleLock(writerLockPath(root), 30000 + qint64(opts.seed % 20000), &lockError);
    return lockError;
}

} // namespace dbops
