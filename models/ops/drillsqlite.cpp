// The SQLite half of a restore drill: the backup copied to a new file in a temporary folder (the copy's bytes
// checked against the manifest's SHA-256 before it appears), integrity and foreign-key checks, row counts and
// probes on that copy, then the folder removed. The live store is not opened.
// The integrity check: when the manifest records that the full integrity_check passed on the bytes with its
// SHA-256 — and the copy hashed to that SHA-256 — the copy is those very bytes, so running the full check again
// would repeat a verdict already proven (4x the cost of the quick check on a store with indexes). The copy then
// gets SQLite's quick_check (every page read back from the restored file: structure and record formats), on a
// thread of its own while the foreign keys and rows are checked. A backup never verified gets the full check.
#include "connection/sqlitehandle.h"
#include "core/format.h"
#include "dialect/sqltext.h"
#include "ops/copyquickcheck.h"
#include "ops/drillsteps.h"
#include "ops/sqliterestore.h"
#include "ops/sqlitestoreinfo.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <optional>

namespace dbops::drill {
namespace {

void checkIntegrity(DrillResult &r, SqliteHandle &db)
{
    auto rows = db.query(SqlText::sqlite("common", "integrity_check"));
    if (!rows) {
        r.add(QStringLiteral("integrity"), false, rows.error().message);
        return;
    }
    QStringList messages;
    for (const QVariantList &row : rows.value())
        messages << row.value(0).toString();
    const bool ok = messages == QStringList{QStringLiteral("ok")};
    r.add(QStringLiteral("integrity"), ok,
          ok ? QStringLiteral("integrity check: ok") : messages.mid(0, 5).join(QStringLiteral("; ")));
}

bool fullCheckPassedBefore(const BackupManifest &m)
{
    return m.verification.state == Verification::State::Verified && m.verification.problems.isEmpty() &&
           !m.sha256.isEmpty();
}

void addQuickCheck(DrillResult &r, CopyQuickCheck &check)
{
    auto found = check.result();
    const bool ok = found && found->isEmpty();
    r.integrityReused = true;
    r.add(QStringLiteral("integrity"), ok,
          ok ? QStringLiteral("quick check of the restored copy: ok; the full integrity check passed on these very "
                              "bytes (SHA-256 equal; verified %1)")
                   .arg(Format::moment(r.manifest.verification.at))
          : found ? QStringLiteral("quick check: %1").arg(found->join(QStringLiteral("; ")))
                  : QStringLiteral("quick check could not run: %1").arg(found.error().message));
}

void checkForeignKeys(DrillResult &r, SqliteHandle &db)
{
    auto rows = db.query(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("health_foreign_key_check")));
    if (!rows) {
        r.add(QStringLiteral("foreign_keys"), false, rows.error().message);
        return;
    }
    if (rows->isEmpty()) {
        r.add(QStringLiteral("foreign_keys"), true, QStringLiteral("PRAGMA foreign_key_check: no orphaned row"));
        return;
    }
    const QVariantList &first = rows->first();
    r.add(QStringLiteral("foreign_keys"), false,
          QStringLiteral("%1 row(s) point at no parent row (first: %2 rowid %3 → %4)")
              .arg(rows->size() >= 1000 ? QStringLiteral("1000 or more") : QString::number(rows->size()))
              .arg(first.value(0).toString(), first.value(1).toString(), first.value(2).toString()));
}

void countTables(DrillResult &r, SqliteHandle &db)
{
    auto tables = SqliteStoreInfo::tables(db);
    if (!tables) {
        r.add(QStringLiteral("row_counts"), false, tables.error().message);
        return;
    }
    for (const SqliteTable &t : tables.value()) {
        auto rows = SqliteStoreInfo::countRows(db, t.name);
        r.tables << TableRows{t.name, rows ? rows.value() : -1, {}};
    }
    compareCounts(r);
}

void runProbes(DrillResult &r, SqliteHandle &db, const QStringList &probes)
{
    for (int i = 0; i < probes.size(); ++i) {
        auto rows = db.query(probes[i]);
        addProbe(r, i, probes[i], rows ? rows.value() : QList<QVariantList>(), rows ? QString() : rows.error().message);
    }
}

// The restored copy's checks (see the top of this file for why the full integrity check may be a quick one).
void checkCopy(DrillResult &r, const DrillRequest &request, const OpControl &control)
{
    SqliteHandle db;
    if (Error e = db.open(r.scratch, SqliteHandle::Mode::ReadOnly)) {
        r.add(QStringLiteral("integrity"), false, e.oneLine());
        return;
    }
    db.setCancelToken(control.token);
    control.report(1, 3, QStringLiteral("checking the restored copy"));
    std::optional<CopyQuickCheck> quick;
    if (fullCheckPassedBefore(r.manifest))
        quick.emplace(r.scratch, control.token);
    else
        checkIntegrity(r, db);
    checkForeignKeys(r, db);
    control.report(2, 3, QStringLiteral("counting rows"));
    countTables(r, db);
    runProbes(r, db, request.probes);
    if (quick)
        addQuickCheck(r, *quick);
}

} // namespace

Error runSqlite(DrillResult &r, const DrillRequest &request, const OpControl &control)
{
    const QString base = request.scratchDir.isEmpty() ? QDir::tempPath() : request.scratchDir;
    QTemporaryDir scratch(base + QStringLiteral("/dbops-drill-XXXXXX"));
    if (!scratch.isValid())
        return Error::make(ErrorCode::Io,
                           QStringLiteral("cannot make a scratch folder in %1: %2").arg(base, scratch.errorString()),
                           QStringLiteral("name a writable folder with --scratch-dir"));
    r.scratch = scratch.filePath(QStringLiteral("restored.db"));
    control.report(0, 3, QStringLiteral("restoring into a scratch file"));
    QElapsedTimer timer;
    timer.start();
    const Error restored = SqliteRestore::restoreToNew(r.backup, r.scratch, control, r.manifest.sha256);
    r.restoreMs = timer.elapsed();
    if (restored.code == ErrorCode::Cancelled)
        return restored;
    r.add(QStringLiteral("restore"), !restored,
          restored ? restored.message
                   : QStringLiteral("%1 restored in %2, its SHA-256 equal to the manifest's")
                         .arg(Format::bytes(r.manifest.bytes), Format::milliseconds(double(r.restoreMs))));
    if (!restored)
        checkCopy(r, request, control);
    r.scratchRemoved = scratch.remove();
    if (control.cancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("the drill of %1 was cancelled").arg(r.backup));
    control.report(3, 3, QStringLiteral("drill done"));
    return {};
}

} // namespace dbops::drill
