#include "maintenance/sqlitemaintenance.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"

#include <QDir>
#include <QFileInfo>
#include <sys/stat.h>
#include <sys/statvfs.h>

namespace dbops {

namespace {

QString autoVacuumName(qint64 mode)
{
    switch (mode) {
    case 1: return QStringLiteral("full");
    case 2: return QStringLiteral("incremental");
    default: return QStringLiteral("none");
    }
}

qint64 pragmaInt(SqliteHandle &db, const char *pragma)
{
    auto v = db.scalar(SqlText::sqlite("common", "pragma", {{"name", QLatin1String(pragma)}}));
    return v ? v->toLongLong() : -1;
}

// A checkpoint returns (busy, log frames, checkpointed frames): the result reports them.
bool isCheckpoint(const QString &sql)
{
    return sql == SqlText::sqlite("common", "wal_checkpoint_passive") ||
           sql == SqlText::sqlite("maintenance", "checkpoint_truncate");
}

Error refuse(const QString &message, const QString &hint) { return Error::make(ErrorCode::Refused, message, hint); }

// Free bytes for an unprivileged writer on the file system holding `path` (statvfs, which works in chroots and
// containers where QStorageInfo finds no mount table), or -1 when it cannot be told.
qint64 freeBytes(const QString &path)
{
    struct statvfs fs {};
    if (statvfs(QFile::encodeName(path).constData(), &fs) != 0)
        return -1;
    return qint64(fs.f_bavail) * qint64(fs.f_frsize);
}

bool sameFileSystem(const QString &a, const QString &b)
{
    struct stat sa {
    }, sb{};
    return stat(QFile::encodeName(a).constData(), &sa) == 0 && stat(QFile::encodeName(b).constData(), &sb) == 0 &&
           sa.st_dev == sb.st_dev;
}

// VACUUM writes a copy of the live pages into the temporary folder, then writes them back through the
// journal (or the WAL): room for the database twice when both are on one file system. Space that cannot be
// measured does not refuse (the VACUUM itself fails cleanly, leaving the store as it was, if it runs out).
void checkSpace(MaintenancePlan &plan)
{
    const QFileInfo file(plan.target.path);
    const qint64 used = plan.sizes.pageCount > 0 && plan.sizes.freelistPages >= 0
                            ? (plan.sizes.pageCount - plan.sizes.freelistPages) * plan.sizes.pageSize
                            : file.size();
    const QString tempDir = SqliteMaintenance::temporaryDirectory();
    const bool shared = sameFileSystem(file.absolutePath(), tempDir);
    plan.spaceNeeded = shared ? 2 * used : used;
    plan.spaceAvailable = freeBytes(file.absolutePath());
    const qint64 tempFree = freeBytes(tempDir);
    if (!shared && tempFree >= 0 && tempFree < used && !plan.refused())
        plan.refusal = refuse(QStringLiteral("VACUUM needs %1 bytes free in %2 for its temporary copy; %3 are free")
                                  .arg(used)
                                  .arg(tempDir)
                                  .arg(tempFree),
                              QStringLiteral("free space there, or set SQLITE_TMPDIR to a folder with room"));
    if (plan.spaceAvailable >= 0 && plan.spaceAvailable < plan.spaceNeeded && !plan.refused())
        plan.refusal = refuse(QStringLiteral("VACUUM needs about %1 bytes free beside %2; %3 are free")
                                  .arg(plan.spaceNeeded)
                                  .arg(file.fileName())
                                  .arg(plan.spaceAvailable),
                              QStringLiteral("free disk space first (old backups: `dbops prune`)"));
}

void planVacuum(MaintenancePlan &plan)
{
    plan.statements << SqlText::sqlite("maintenance", "vacuum");
    if (plan.sizes.journalMode == QLatin1String("wal"))
        plan.statements << SqlText::sqlite("maintenance", "checkpoint_truncate");
    plan.warnings << QStringLiteral("VACUUM rewrites the whole file and holds the store exclusively while it runs: "
                                    "the bot cannot write until it ends")
                  << QStringLiteral("it needs free space about the size of the database (temporary copy and journal)");
    plan.writers = WriterActivity::probeSqlite(plan.target.path);
    if (plan.writers.writing())
        plan.refusal = refuse(QStringLiteral("%1 is in use: %2")
                                  .arg(plan.target.display(), plan.writers.describe().join(QStringLiteral("; "))),
                              QStringLiteral("stop the bot first; VACUUM needs the store to itself"));
    checkSpace(plan);
    if (plan.sizes.freelistPages == 0)
        plan.warnings << QStringLiteral("the file has no free pages: VACUUM would only defragment it");
}

void planIncremental(MaintenancePlan &plan)
{
    if (plan.sizes.autoVacuum != QLatin1String("incremental")) {
        plan.refusal =
            refuse(QStringLiteral("incremental_vacuum does nothing here: auto_vacuum is %1, not incremental")
                       .arg(plan.sizes.autoVacuum),
                   plan.sizes.autoVacuum == QLatin1String("full")
                       ? QStringLiteral("auto_vacuum=FULL already gives free pages back at every commit")
                       : QStringLiteral("free pages come back only with a full VACUUM (stop the bot; `--op vacuum`); "
                                        "PRAGMA auto_vacuum=INCREMENTAL followed by a VACUUM would enable it"));
        return;
    }
    plan.statements << (plan.request.incrementalPages > 0
                            ? SqlText::sqlite("maintenance", "incremental_vacuum_pages",
                                              {{"pages", QString::number(plan.request.incrementalPages)}})
                            : SqlText::sqlite("maintenance", "incremental_vacuum"));
    if (plan.sizes.journalMode == QLatin1String("wal"))
        plan.statements << SqlText::sqlite("common", "wal_checkpoint_passive");
    if (plan.sizes.freelistPages == 0)
        plan.warnings << QStringLiteral("the file has no free pages: nothing to give back");
}

void planOptimize(MaintenancePlan &plan)
{
    // The preview runs optimize with the debug bit: it lists the statements optimize would run and runs none.
    plan.statements << SqlText::sqlite("maintenance", "optimize");
    SqliteHandle db;
    if (db.open(plan.target.path, SqliteHandle::Mode::ReadOnly))
        return;
    auto rows = db.query(SqlText::sqlite("maintenance", "optimize_preview"));
    if (!rows)
        return;
    QStringList would;
    for (const QVariantList &r : rows.value())
        would << r.value(0).toString();
    plan.warnings << (would.isEmpty() ? QStringLiteral("optimize finds nothing to do now")
                                      : QStringLiteral("optimize would run: ") + would.join(QStringLiteral("; ")));
}

void planCheckpoint(MaintenancePlan &plan)
{
    plan.statements << (plan.request.truncate ? SqlText::sqlite("maintenance", "checkpoint_truncate")
                                              : SqlText::sqlite("common", "wal_checkpoint_passive"));
    if (plan.sizes.journalMode != QLatin1String("wal"))
        plan.warnings << QStringLiteral("the store is in %1 journal mode, not WAL: a checkpoint has nothing to do")
                             .arg(plan.sizes.journalMode);
    if (plan.request.truncate)
        plan.warnings << QStringLiteral("TRUNCATE waits (busy timeout) for the bot's readers and writers to let go");
}

} // namespace

QString SqliteMaintenance::temporaryDirectory()
{
    for (const char *var : {"SQLITE_TMPDIR", "TMPDIR"}) {
        const QString dir = qEnvironmentVariable(var);
        if (!dir.isEmpty() && QFileInfo(dir).isDir())
            return dir;
    }
    for (const char *dir : {"/var/tmp", "/usr/tmp", "/tmp"})
        if (QFileInfo(QString::fromLatin1(dir)).isDir())
            return QString::fromLatin1(dir);
    return QDir::currentPath();
}

Expected<StoreSizes> SqliteMaintenance::sizes(const QString &path)
{
    // A missing file, a folder, not SQLite, a hot journal: said as the console's open says it.
    if (Error e = Connector::checkSqliteFile(path))
        return e;
    SqliteHandle db;
    if (Error e = db.open(path, SqliteHandle::Mode::ReadOnly))
        return e;
    StoreSizes s;
    const QFileInfo file(path);
    s.databaseBytes = file.size();
    const QFileInfo wal(path + QStringLiteral("-wal"));
    s.walBytes = wal.exists() ? wal.size() : 0;
    s.pageSize = pragmaInt(db, "page_size");
    s.pageCount = pragmaInt(db, "page_count");
    s.freelistPages = pragmaInt(db, "freelist_count");
    s.autoVacuum = autoVacuumName(pragmaInt(db, "auto_vacuum"));
    auto mode = db.scalar(SqlText::sqlite("common", "journal_mode"));
    s.journalMode = mode ? mode->toString().toLower() : QString();
    if (s.pageCount < 0)
        return Error::make(ErrorCode::QueryFailed, QStringLiteral("could not read the page figures of %1").arg(path));
    return s;
}

Expected<MaintenancePlan> SqliteMaintenance::preview(const Target &target, const MaintenanceRequest &request)
{
    MaintenancePlan plan;
    plan.target = target;
    plan.request = request;
    auto sizes = SqliteMaintenance::sizes(target.path);
    if (!sizes)
        return sizes.error();
    plan.sizes = sizes.value();
    if (!request.tables.isEmpty() || !request.indexes.isEmpty())
        plan.warnings << QStringLiteral("SQLite maintenance works on the whole file; --table is ignored");
    switch (request.op) {
    case MaintenanceOp::Vacuum: planVacuum(plan); break;
    case MaintenanceOp::IncrementalVacuum: planIncremental(plan); break;
    case MaintenanceOp::Optimize: planOptimize(plan); break;
    case MaintenanceOp::Checkpoint: planCheckpoint(plan); break;
    case MaintenanceOp::Analyze: plan.statements << SqlText::sqlite("maintenance", "analyze"); break;
    case MaintenanceOp::Reindex:
        return Error::make(ErrorCode::Unsupported, QStringLiteral("REINDEX CONCURRENTLY is a PostgreSQL operation"),
                           QStringLiteral("SQLite stores: vacuum, analyze, optimize, checkpoint, incremental-vacuum"));
    }
    return plan;
}

void SqliteMaintenance::run(MaintenanceResult &result, const OpControl &control)
{
    const MaintenancePlan &plan = result.plan;
    result.before = plan.sizes;
    SqliteHandle db;
    if (Error e = db.open(plan.target.path, SqliteHandle::Mode::ReadWrite, plan.request.session.sqliteBusyTimeoutMs)) {
        result.error = e;
        return;
    }
    db.setCancelToken(control.token);
    int step = 0;
    for (const QString &sql : plan.statements) {
        control.report(step++, plan.statements.size(), sql);
        if (isCheckpoint(sql)) {
            auto rows = db.query(sql);
            if (!rows) {
                result.error = rows.error();
                break;
            }
            const QVariantList r = rows->value(0);
            result.checkpoint.ran = true;
            result.checkpoint.busy = r.value(0).toInt();
            result.checkpoint.logFrames = r.value(1).toInt();
            result.checkpoint.checkpointedFrames = r.value(2).toInt();
            continue;
        }
        if (Error e = db.exec(sql)) {
            result.error = e;
            break;
        }
    }
    db.close();
    control.report(plan.statements.size(), plan.statements.size(), QStringLiteral("measuring"));
    auto after = SqliteMaintenance::sizes(plan.target.path);
    if (after)
        result.after = after.value();
    if (!result.error && plan.request.op == MaintenanceOp::Checkpoint && result.checkpoint.busy)
        result.notes << QStringLiteral("the checkpoint could not finish: a reader or writer held the WAL (busy=1); "
                                       "run it again when the bot is quieter");
}

} // namespace dbops
