#include "ops/drill.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "core/format.h"
#include "core/paths.h"
#include "ops/backupcatalog.h"
#include "ops/backupnaming.h"
#include "ops/backupverifier.h"
#include "ops/drillsteps.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

namespace dbops {
namespace {

bool drillable(const CatalogEntry &e)
{
    return !e.isBot() && !e.fileMissing && !e.manifestUnreadable &&
           (e.manifest.engine == QLatin1String("sqlite") || e.manifest.engine == QLatin1String("postgresql"));
}

QString summary(const DrillResult &r)
{
    return QStringLiteral("restore %1, %2 table(s), counts %3")
        .arg(Format::milliseconds(double(r.restoreMs)))
        .arg(r.tables.size())
        .arg(r.countsMatch ? QStringLiteral("match") : QStringLiteral("differ"));
}

// The manifest as it is now (a verify may have written it meanwhile) with this drill's verdict. A passed drill
// that ran the full integrity check checked everything `verify` checks (checksum, integrity, row counts), so its
// verification is renewed too; one that relied on an earlier full check leaves that check's date.
void recordInManifest(DrillResult &r)
{
    auto current = BackupManifest::read(r.manifestPath);
    if (!current) {
        r.recordError = current.error().message;
        return;
    }
    BackupManifest updated = current.value();
    updated.drill = r.record();
    if (r.passed() && !r.integrityReused) {
        updated.verification.state = Verification::State::Verified;
        updated.verification.at = r.at;
        updated.verification.problems.clear();
    }
    if (Error e = updated.write(r.manifestPath))
        r.recordError = e.message;
}

void audit(const DrillResult &r)
{
    AuditRecord a;
    a.target = r.manifest.source.isEmpty() ? r.backup : r.manifest.source;
    a.action = QStringLiteral("drill");
    a.parameters = r.backup;
    a.outcome = r.passed() ? QStringLiteral("ok") : QStringLiteral("failed");
    a.detail = r.passed() ? summary(r) : r.problems.join(QStringLiteral("; "));
    AuditLog().append(a);
}

Expected<QString> backupOf(const DrillRequest &request)
{
    if (request.backupPath.isEmpty())
        return RestoreDrill::latestBackup(request.target, request.backupDir);
    const QString path = BackupVerifier::backupPathOf(request.backupPath);
    if (!QFileInfo::exists(path))
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such backup: %1").arg(path),
                           QStringLiteral("`dbops backups` lists the backups in the backup folder"));
    return path;
}

} // namespace

QJsonObject DrillCheck::toJson() const
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("ok"), ok}, {QStringLiteral("detail"), detail}};
}

void DrillResult::add(const QString &name, bool ok, const QString &detail)
{
    checks << DrillCheck{name, ok, detail};
    if (!ok)
        problems << QStringLiteral("%1: %2").arg(name, detail);
}

DrillRecord DrillResult::record() const
{
    DrillRecord d;
    d.at = at;
    d.passed = passed();
    d.restoreMs = restoreMs;
    d.tables = int(tables.size());
    d.countsMatch = countsMatch;
    d.problems = problems;
    return d;
}

QJsonObject DrillResult::toJson() const
{
    QJsonArray rows;
    for (const TableRows &t : tables)
        rows.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("rows"), t.rows},
                                {QStringLiteral("manifest_rows"), manifest.rowsOf(t.name)}});
    QJsonArray checkArray;
    for (const DrillCheck &c : checks)
        checkArray.append(c.toJson());
    QJsonObject o{{QStringLiteral("status"), passed() ? QStringLiteral("passed") : QStringLiteral("failed")},
                  {QStringLiteral("backup"), backup},
                  {QStringLiteral("manifest"), manifestPath},
                  {QStringLiteral("engine"), manifest.engine},
                  {QStringLiteral("source"), manifest.source},
                  {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("restore_s"), double(restoreMs) / 1000.0},
                  {QStringLiteral("duration_s"), double(durationMs) / 1000.0},
                  {QStringLiteral("tables"), int(tables.size())},
                  {QStringLiteral("table_rows"), rows},
                  {QStringLiteral("counts_match"), countsMatch},
                  {QStringLiteral("checks"), checkArray},
                  {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
                  {QStringLiteral("scratch"), scratch},
                  {QStringLiteral("scratch_removed"), scratchRemoved}};
    if (!recordError.isEmpty())
        o.insert(QStringLiteral("record_error"), recordError);
    return o;
}

Expected<QString> RestoreDrill::latestBackup(const Target &target, const QString &dir)
{
    const QString folder = dir.isEmpty() ? Paths::defaultBackupDir() : dir;
    auto catalog = BackupCatalog::list(folder);
    if (!catalog)
        return catalog.error();
    const QString sourceId = BackupNaming::sourceId(target);
    for (const CatalogEntry &e : catalog.value()) // newest first
        if (BackupNaming::sameSource(e.manifest.sourceId, sourceId) && drillable(e))
            return e.path;
    // No backup of a path that is no SQLite database (empty, a text file): what the file is says more than the
    // backup folder does, in the words every command uses for it.
    if (target.kind == Target::Kind::SqliteFile)
        if (const Error bad = Connector::checkSqliteFile(target.path); bad.code == ErrorCode::NotSqlite)
            return Error::make(ErrorCode::NotSqlite,
                               QStringLiteral("%1, and %2 holds no backup of it").arg(bad.message, folder),
                               bad.hint + QStringLiteral("; --db names the store whose backups are looked for"));
    return Error::make(ErrorCode::NotFound, QStringLiteral("no backup of %1 in %2").arg(target.display(), folder),
                       target.kind == Target::Kind::DataDir
                           ? QStringLiteral("a data directory is drilled store by store: --db DIR/STORE.db")
                           : QStringLiteral("take one with `dbops backup --db …`, or name the folder that holds "
                                            "its backups with --dir"));
}

Expected<DrillResult> RestoreDrill::run(const DrillRequest &request, const OpControl &control)
{
    auto path = backupOf(request);
    if (!path)
        return path.error();
    DrillResult r;
    r.backup = path.value();
    r.manifestPath = BackupManifest::pathFor(r.backup);
    auto manifest = BackupManifest::read(r.manifestPath);
    if (!manifest) {
        Error e = manifest.error();
        e.hint = QStringLiteral("a drill compares the restored copy with the backup's manifest");
        return e;
    }
    r.manifest = manifest.value();
    // A named backup of another store: its verdict would be recorded under this store (audit) and prove
    // nothing about this store's backups. (A backup of the other engine gets that engine's own refusal below.)
    const bool sameEngine = (r.manifest.engine == QLatin1String("postgresql")) == request.target.isPostgres();
    if (const QString other = BackupNaming::otherSource(r.manifest, BackupNaming::sourceId(request.target));
        sameEngine && !other.isEmpty())
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("the backup %1 does not belong to this store: %2").arg(r.backup, other),
                           QStringLiteral("nothing was drilled or recorded; pick a backup of this store (`dbops "
                                          "backups --db …` lists them), or drill this one with --db naming its "
                                          "own store"));
    r.at = QDateTime::currentDateTimeUtc();
    QElapsedTimer total;
    total.start();
    Error cannotRun;
    if (r.manifest.engine == QLatin1String("sqlite"))
        cannotRun = drill::runSqlite(r, request, control);
    else if (r.manifest.engine == QLatin1String("postgresql"))
        cannotRun = drill::runPostgres(r, request, control);
    else
        cannotRun = Error::make(ErrorCode::Unsupported,
                                QStringLiteral("a drill restores SQLite and PostgreSQL backups, not %1 (%2)")
                                    .arg(r.manifest.engine, r.backup),
                                QStringLiteral("drill each store of a data directory on its own"));
    if (cannotRun)
        return cannotRun;
    r.durationMs = total.elapsed();
    if (request.record) {
        recordInManifest(r);
        audit(r);
    }
    return r;
}

namespace drill {

void compareCounts(DrillResult &r)
{
    QStringList differences;
    QSet<QString> found;
    for (const TableRows &t : r.tables) {
        found.insert(t.name);
        const qint64 expected = r.manifest.rowsOf(t.name);
        if (expected < 0)
            differences << QStringLiteral("%1 is not in the manifest").arg(t.name);
        else if (expected != t.rows)
            differences << QStringLiteral("%1 has %2 rows, the manifest says %3").arg(t.name).arg(t.rows).arg(expected);
    }
    for (const TableRows &t : r.manifest.tables)
        if (!found.contains(t.name))
            differences << QStringLiteral("%1 is missing after the restore").arg(t.name);
    r.countsMatch = differences.isEmpty();
    r.add(QStringLiteral("row_counts"), r.countsMatch,
          r.countsMatch ? QStringLiteral("%1 table(s) match the manifest").arg(r.tables.size())
                        : differences.mid(0, 5).join(QStringLiteral("; ")));
}

void addProbe(DrillResult &r, int index, const QString &sql, const QList<QVariantList> &rows, const QString &error)
{
    const QString name = QStringLiteral("probe");
    const QString which = QStringLiteral("#%1 (%2)").arg(index + 1).arg(sql.simplified().left(60));
    if (!error.isEmpty()) {
        r.add(name, false, QStringLiteral("%1 failed: %2").arg(which, error));
        return;
    }
    if (rows.isEmpty()) {
        r.add(name, false, QStringLiteral("%1 returned no row").arg(which));
        return;
    }
    QStringList values;
    for (const QVariant &v : rows.first())
        values << (v.isNull() ? QStringLiteral("NULL") : v.toString());
    r.add(name, true, QStringLiteral("%1 returned %2").arg(which, values.join(QStringLiteral(", ")).left(120)));
}

} // namespace drill
} // namespace dbops
