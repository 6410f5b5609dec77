// dbops backup: a consistent, durable, checksummed backup with its manifest.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "ops/backupservice.h"
#include "opsprogress.h"

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

int run(const Invocation &in)
{
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
                    "kept and marked source corrupt)."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
