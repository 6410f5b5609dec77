// dbops backup: a consistent, durable, checksummed backup with its manifest.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "ops/backupservice.h"
#include "opsprogress.h"
#include "pitr/pitrbackup.h"
#include "pitroptions.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Folder for the backup (default: the dbops data folder's backups/)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    p.addOption({QStringLiteral("compress"),
                 QStringLiteral("PostgreSQL: pg_dump's zlib level, 0-9 (default 1: about 4x faster than "
                                "pg_dump's own default of 6, for about 20% more bytes)."),
                 QStringLiteral("LEVEL")});
    p.addOption({QStringLiteral("engine"),
                 QStringLiteral("PostgreSQL: pgbackrest for a physical backup into the stanza's repository (point-in-"
                                "time recovery); default: pg_dump."),
                 QStringLiteral("ENGINE")});
    p.addOption({QStringLiteral("type"), QStringLiteral("--engine pgbackrest: full, diff or incr (default full)."),
                 QStringLiteral("TYPE")});
    addPitrOptions(p);
}

Expected<BackupRequest> requestFrom(const QCommandLineParser &p)
{
    BackupRequest request;
    request.outDir = p.value(QStringLiteral("out"));
    auto level = numberOption(p, QStringLiteral("compress"), request.pgCompression, QStringLiteral("backup"));
    if (!level)
        return level.error();
    if (level.value() > 9 || level.value() != int(level.value()))
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("--compress takes a whole level from 0 to 9, not %1")
                               .arg(p.value(QStringLiteral("compress"))),
                           QStringLiteral("e.g. --compress 1 (fast) or --compress 6 (pg_dump's default)"));
    request.pgCompression = int(level.value());
    return request;
}

void printText(const BackupResult &result)
{
    QTextStream out(stdout);
    out << "backup   " << result.path << '\n'
        << "size     " << Format::bytes(result.manifest.bytes) << '\n'
        << "sha256   " << result.manifest.sha256 << '\n'
        << "manifest " << result.manifestPath << '\n';
    for (const BackupResult &m : result.members)
        out << "  member " << m.path << " (" << Format::bytes(m.manifest.bytes) << ")\n";
    for (const QString &s : result.skipped)
        out << "  skipped " << s << '\n';
    for (const QString &p : result.partialsRemoved)
        out << "removed  " << p << " (left by an interrupted run)\n";
    for (const QString &w : result.manifest.warnings)
        out << "WARNING  " << w << '\n';
}

void printPitr(QTextStream &out, const PitrBackupResult &r)
{
    out << "backup   pgbackrest " << r.backup.label << " (" << r.backup.type << ") stanza " << r.info.stanza << '\n'
        << "size     " << Format::bytes(r.backup.bytes) << " (" << Format::bytes(r.backup.repoBytes)
        << " in the repository)\n"
        << "wal      " << r.backup.walStart << " .. " << r.backup.walStop << '\n'
        << "record   " << r.recordPath << '\n';
    if (r.info.restorableFrom.isValid())
        out << "window   " << Format::momentUtc(r.info.restorableFrom) << " .. "
            << Format::momentUtc(r.info.restorableTo) << '\n'; // as `backups` shows it
}

int runPgBackRest(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    PitrBackupRequest request;
    if (p.isSet(QStringLiteral("type")))
        request.type = p.value(QStringLiteral("type"));
    if (!PitrBackupRequest::validType(request.type))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("unknown --type \"%1\"").arg(request.type),
                                   QStringLiteral("use --type full, diff or incr")));
    const OpControl control = progressControl(p.isSet(QStringLiteral("progress")));
    auto result = PitrBackupService::run(in.target(), request, pitrSource(p, in.target()),
                                         p.value(QStringLiteral("out")), control);
    if (!result)
        return in.fail(result.error());
    output(result.value(), in.json(), printPitr);
    return ExitOk;
}

int run(const Invocation &in)
{
    const QString engine = in.options().value(QStringLiteral("engine"));
    if (engine == QLatin1String("pgbackrest"))
        return runPgBackRest(in);
    if (!engine.isEmpty() && engine != QLatin1String("pg_dump"))
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("unknown --engine \"%1\"").arg(engine),
                                   QStringLiteral("use --engine pgbackrest (or leave it out for pg_dump)")));
    auto request = requestFrom(in.options());
    if (!request)
        return in.fail(request.error());
    const OpControl control = progressControl(in.options().isSet(QStringLiteral("progress")));
    auto result = BackupService::backup(in.target(), request.value(), control);
    if (!result)
        return in.fail(result.error());
    const bool warned = !result->manifest.warnings.isEmpty();
    if (in.json()) {
        QJsonObject o = result->toJson();
        o.insert(QStringLiteral("status"), warned ? QStringLiteral("warning") : QStringLiteral("ok"));
        printJson(o);
    } else {
        printText(result.value());
    }
    return result->skipped.isEmpty() && !warned ? ExitOk : ExitWarning;
}

const RegisterCommand reg(
    {QStringLiteral("backup"), QStringLiteral("consistent, verified-ready backup with manifest"),
     QStringLiteral("Back up a store: an SQLite file (consistent snapshot while the bot writes), a bot data directory "
                    "(every SQLite store; DuckDB files without a live writer), or a PostgreSQL database (pg_dump -Fc). "
                    "A manifest with size, SHA-256 and row counts is written beside the backup. Exit 0 only when the "
                    "backup is complete and on disk; 1 when it is, but the store was found damaged (the backup is "
                    "kept and marked source corrupt). --engine pgbackrest: a "
                    "pgBackRest backup (--type full|diff|incr) of the server's stanza, recorded in the catalog."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
