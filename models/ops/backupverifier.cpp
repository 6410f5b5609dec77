#include "ops/backupverifier.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "connection/filehead.h"
#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"
#include "ops/backupnaming.h"
#include "ops/botbackups.h"
#include "ops/copyquickcheck.h"
#include "ops/datadirbackup.h"
#include "ops/pgscratchcheck.h"
#include "ops/pgtools.h"
#include "ops/sha256.h"
#include "ops/sqlitestoreinfo.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <optional>

namespace dbops {

namespace {
const QLatin1String kManifestSuffix(".manifest.json");

void record(const VerifyReport &report, const VerifyOptions &options)
{
    if (!options.audit)
        return;
    AuditRecord r;
    r.target = report.manifest.source.isEmpty() ? report.path : report.manifest.source;
    r.action = QStringLiteral("verify");
    r.parameters = report.path;
    r.outcome = report.verified() ? QStringLiteral("ok") : QStringLiteral("failed");
    r.detail = report.problems.join(QStringLiteral("; "));
    AuditLog().append(r);
}
} // namespace

QJsonObject VerifyReport::toJson() const
{
    QJsonArray tableArray;
    for (const TableRows &t : tables)
        tableArray.append(QJsonObject{{QStringLiteral("name"), t.name},
                                      {QStringLiteral("rows"), t.rows},
                                      {QStringLiteral("manifest_rows"), manifest.rowsOf(t.name)}});
    return QJsonObject{{QStringLiteral("status"), verified() ? QStringLiteral("verified") : QStringLiteral("failed")},
                       {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("manifest"), hasManifest ? manifestPath : QString()},
                       {QStringLiteral("engine"), manifest.engine},
                       {QStringLiteral("source"), manifest.source},
                       {QStringLiteral("sha256"), sha256},
                       {QStringLiteral("manifest_sha256"), manifest.sha256},
                       {QStringLiteral("tables"), tableArray},
                       {QStringLiteral("origin"), origin},
                       {QStringLiteral("checksum_file"), checksumFile},
                       {QStringLiteral("other_source"), otherSource}};
}

QString BackupVerifier::backupPathOf(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    return absolute.endsWith(kManifestSuffix) ? absolute.chopped(kManifestSuffix.size()) : absolute;
}

namespace {

// PRAGMA integrity_check of `db`: what it found ("ok": nothing).
QStringList integrityProblems(SqliteHandle &db, const OpControl &control)
{
    control.report(0, 1, QStringLiteral("integrity check"));
    auto check = db.query(SqlText::sqlite("common", "integrity_check"));
    if (!check)
        return {QStringLiteral("integrity check failed: %1").arg(check.error().message)};
    QStringList messages;
    for (const QVariantList &row : check.value())
        messages << row.value(0).toString();
    if (messages == QStringList{QStringLiteral("ok")})
        return {};
    return {QStringLiteral("integrity check: %1").arg(messages.mid(0, 5).join(QStringLiteral("; ")))};
}

// What a quick_check that ran beside the row counts found; a check that could not finish is a problem too
// (cancelled: the caller says so).
QStringList quickCheckProblems(CopyQuickCheck &check)
{
    auto found = check.result();
    if (!found)
        return found.error().code == ErrorCode::Cancelled
                   ? QStringList()
                   : QStringList{QStringLiteral("quick check could not run: %1").arg(found.error().message)};
    if (found->isEmpty())
        return {};
    return {QStringLiteral("quick check: %1").arg(found->join(QStringLiteral("; ")))};
}

} // namespace

void BackupVerifier::verifySqlite(VerifyReport &report, const OpControl &control, bool quick)
{
    if (Error e = Connector::checkSqliteFile(report.path)) {
        report.problems << e.message;
        return;
    }
    SqliteHandle db;
    if (Error e = db.open(report.path, SqliteHandle::Mode::Immutable)) {
        report.problems << e.oneLine();
        return;
    }
    db.setCancelToken(control.token);
    std::optional<CopyQuickCheck> quickCheck; // on its own thread while this one counts rows
    if (quick)
        quickCheck.emplace(report.path, control.token);
    else
        report.problems << integrityProblems(db, control);
    countTables(report, db, control);
    if (quickCheck)
        report.problems << quickCheckProblems(*quickCheck);
}

void BackupVerifier::countTables(VerifyReport &report, SqliteHandle &db, const OpControl &control)
{
    auto tables = SqliteStoreInfo::tables(db);
    if (!tables) {
        report.problems << tables.error().message;
        return;
    }
    QSet<QString> seen;
    int done = 0;
    for (const SqliteTable &t : tables.value()) {
        control.report(++done, tables->size(), QStringLiteral("counting rows"));
        auto rows = SqliteStoreInfo::countRows(db, t.name);
        if (!rows) {
            report.problems << QStringLiteral("cannot count rows of %1: %2").arg(t.name, rows.error().message);
            continue;
        }
        report.tables << TableRows{t.name, rows.value(), {}};
        seen.insert(t.name);
        if (!report.hasManifest)
            continue;
        const qint64 expected = report.manifest.rowsOf(t.name);
        if (expected < 0)
            report.problems << QStringLiteral("table %1 is in the backup but not in the manifest").arg(t.name);
        else if (expected != rows.value())
            report.problems << QStringLiteral("table %1 has %2 rows, the manifest says %3")
                                   .arg(t.name)
                                   .arg(rows.value())
                                   .arg(expected);
    }
    for (const TableRows &t : report.manifest.tables)
        if (!seen.contains(t.name))
            report.problems << QStringLiteral("table %1 is in the manifest but not in the backup").arg(t.name);
}

Error BackupVerifier::verifyDataDir(VerifyReport &report, const VerifyOptions &options, const OpControl &control)
{
    report.sha256 = DataDirBackup::treeHash(report.manifest.members);
    if (report.sha256 != report.manifest.sha256)
        report.problems << QStringLiteral("checksum mismatch: the member list's SHA-256 is %1, the manifest says %2")
                               .arg(report.sha256, report.manifest.sha256);
    VerifyOptions memberOptions = options;
    memberOptions.expectedSourceId.clear();
    memberOptions.audit = false;
    for (const QJsonValue &v : report.manifest.members) {
        const QJsonObject entry = v.toObject();
        const QString relative = entry.value(QLatin1String("path")).toString();
        auto member = verify(report.path + QLatin1Char('/') + relative, memberOptions, control);
        if (!member) {
            if (member.error().code == ErrorCode::Cancelled || member.error().code == ErrorCode::Unsupported)
                return member.error(); // the check could not run
            report.problems << QStringLiteral("%1: %2").arg(relative, member.error().message);
            continue;
        }
        for (const QString &p : member->problems)
            report.problems << QStringLiteral("%1: %2").arg(relative, p);
        if (member->hasManifest && member->manifest.sha256 != entry.value(QLatin1String("sha256")).toString())
            report.problems
                << QStringLiteral("%1: its manifest's SHA-256 differs from the folder's index").arg(relative);
        for (const TableRows &t : member->tables)
            report.tables << TableRows{relative + QLatin1Char(':') + t.name, t.rows, t.newest};
    }
    return {};
}

Error BackupVerifier::verifyFile(VerifyReport &report, const VerifyOptions &options, const OpControl &control)
{
    const bool bot = report.origin == QLatin1String("bot");
    const qint64 size = QFileInfo(report.path).size();
    if (report.hasManifest && size != report.manifest.bytes)
        report.problems << QStringLiteral("the backup is %1 bytes, the manifest says %2 (truncated or replaced)")
                               .arg(size)
                               .arg(report.manifest.bytes);
    // A fresh scratch copy has no checksum to be compared with: hashing it would only cost a pass over it.
    auto sha = options.freshScratch ? Expected<QString>(QString()) : Sha256::ofFile(report.path, control);
    if (!sha) {
        if (sha.error().code == ErrorCode::Cancelled)
            return sha.error();
        report.problems << sha.error().message;
    } else {
        report.sha256 = sha.value();
        if (report.hasManifest && report.sha256 != report.manifest.sha256)
            report.problems << QStringLiteral("checksum mismatch: the file's SHA-256 is %1, the manifest says %2")
                                   .arg(report.sha256, report.manifest.sha256);
        else if (bot && !report.manifest.sha256.isEmpty() && report.sha256 != report.manifest.sha256)
            report.problems << QStringLiteral("checksum mismatch: the file's SHA-256 is %1, %2 says %3")
                                   .arg(report.sha256, QFileInfo(report.checksumFile).fileName(),
                                        report.manifest.sha256);
    }
    const bool pg = report.manifest.engine == QLatin1String("postgresql");
    report.reusedVerdict = options.reuseVerdict && report.problems.isEmpty() && report.hasManifest &&
                           !report.sha256.isEmpty() &&
                           report.manifest.verification.state == Verification::State::Verified &&
                           report.manifest.verification.problems.isEmpty();
    if (report.reusedVerdict) {
        report.tables = report.manifest.tables;
    } else if (pg) {
        // A check that cannot run (no pg_restore, no scratch database) says nothing about the backup:
        // an error, and the recorded verdict stays as it was.
        if (Error e = PgTools::verifyArchive(report, control))
            return e;
        if (options.scratchServer.isValid() && report.problems.isEmpty())
            if (Error e = PgScratchCheck::run(report, options.scratchServer, control))
                return e;
    } else if (report.manifest.engine != QLatin1String("duckdb"))
        verifySqlite(report, control, options.freshScratch);
    if (control.cancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("verification of %1 cancelled").arg(report.path));
    if (bot) { // what a restore of these bytes checks itself against
        report.manifest.tables = report.tables;
        if (report.manifest.sha256.isEmpty())
            report.manifest.sha256 = report.sha256;
    }
    return {};
}

namespace {

// dbops's record of a pgBackRest backup holds no data to check: the backup is in pgBackRest's repository, and
// pgBackRest checks it there.
Error pgBackRestRecord(const VerifyReport &report)
{
    const QString label = report.manifest.tools.value(QStringLiteral("pgbackrest_label")).toString();
    return Error::make(
        ErrorCode::Usage,
        QStringLiteral("%1 is dbops's record of the pgBackRest backup %2 of %3, not the backup itself: "
                       "its data is in pgBackRest's repository")
            .arg(report.path, label.isEmpty() ? QStringLiteral("(no label)") : label, report.manifest.source),
        QStringLiteral("check it there with `pgbackrest verify` as the cluster's owner (postgres); "
                       "`dbops backups --db SERVER` lists pgBackRest's backups and window"));
}

} // namespace

Expected<VerifyReport> BackupVerifier::verify(const QString &path, const VerifyOptions &options,
                                              const OpControl &control)
{
    VerifyReport report;
    report.path = backupPathOf(path);
    report.manifestPath = BackupManifest::pathFor(report.path);
    const QFileInfo file(report.path);
    if (!file.exists() && !QFileInfo::exists(report.manifestPath))
        return Error::make(ErrorCode::NotFound, QStringLiteral("no such backup: %1").arg(report.path),
                           QStringLiteral("`dbops backups` lists the backups in the backup folder"));

    auto manifest = BackupManifest::read(report.manifestPath);
    std::optional<BotBackup> bot;
    if (manifest) {
        report.hasManifest = true;
        report.manifest = manifest.value();
    } else if (!QFileInfo::exists(report.manifestPath) && (bot = BotBackups::identify(report.path))) {
        report.origin = QStringLiteral("bot");
        report.manifest = bot->manifest();
        report.checksumFile = bot->checksumFile;
    } else {
        report.problems << manifest.error().message;
    }
    if (report.hasManifest && report.manifest.engine == QLatin1String("pgbackrest"))
        return pgBackRestRecord(report);
    // A pg_dump archive whose manifest is gone: its tables and checksum are only known from that manifest.
    if (!report.hasManifest && !bot && file.isFile() && FileHead::read(report.path, 5).startsWith("PGDMP"))
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("%1 is a PostgreSQL dump (pg_dump archive) without its dbops manifest %2")
                               .arg(report.path, report.manifestPath),
                           QStringLiteral("put the manifest back beside it; without one, `pg_restore --list FILE` "
                                          "shows what it holds and a restore to a new database checks it"));
    if (!file.exists()) {
        report.problems << QStringLiteral("the backup file %1 is missing").arg(report.path);
    } else if (report.hasManifest && report.manifest.engine == QLatin1String("datadir")) {
        if (Error e = verifyDataDir(report, options, control))
            return e;
    } else if (file.isDir()) {
        report.problems << QStringLiteral("%1 is a folder, not a backup file").arg(report.path);
    } else if (Error e = verifyFile(report, options, control)) {
        return e;
    }
    if (bot && !options.expectedSourceId.isEmpty() && !bot->mayBeOf(options.expectedSourceId))
        report.otherSource = QStringLiteral("it looks like a backup of %1 (by its name and folder), not of %2")
                                 .arg(bot->store, options.expectedSourceId);
    if (!options.expectedSourceId.isEmpty() && report.hasManifest)
        if (const QString other = BackupNaming::otherSource(report.manifest, options.expectedSourceId);
            !other.isEmpty())
            report.otherSource = other;

    report.state = report.problems.isEmpty() ? Verification::State::Verified : Verification::State::Failed;
    if (report.hasManifest && options.writeBack) {
        BackupManifest updated = report.manifest;
        updated.verification.state = report.state;
        updated.verification.at = QDateTime::currentDateTimeUtc();
        updated.verification.problems = report.problems;
        if (Error e = updated.write(report.manifestPath))
            report.problems << QStringLiteral("could not record the verdict in the manifest: %1").arg(e.message);
        else
            report.manifest = updated;
    }
    record(report, options);
    return report;
}

} // namespace dbops
