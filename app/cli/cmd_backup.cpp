// dbops backup: a consistent, durable, checksummed backup with its manifest.
#include "cliutil.h"
#include "command.h"
#include "ops/backupservice.h"
#include "opsprogress.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

int run(const QStringList &args)
{
    CommandLine cl(
        QStringLiteral("backup"),
        QStringLiteral(
            "Back up a store: an SQLite file (consistent snapshot while the bot writes), a bot "
            "data directory (every SQLite store; DuckDB files without a live writer), or a "
            "PostgreSQL database (pg_dump -Fc). A manifest with size, SHA-256 and row counts "
            "is written beside the backup. Exit 0 only when the backup is complete and on disk; 1 when it is, "
            "but the store was found damaged (the backup is kept and marked source corrupt)."));
    cl.parser().addOption({QStringLiteral("out"),
                           QStringLiteral("Folder for the backup (default: the dbops data "
                                          "folder's backups/)."),
                           QStringLiteral("DIR")});
    cl.parser().addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    cl.parser().addOption({QStringLiteral("compress"),
                           QStringLiteral("PostgreSQL: pg_dump's zlib level, 0-9 (default 1: about 4x faster than "
                                          "pg_dump's own default of 6, for about 20% more bytes)."),
                           QStringLiteral("LEVEL")});
    int code = 0;
    if (!cl.parse(args, &code))
        return code;
    auto detected = cl.target();
    if (!detected)
        return fail(detected.error(), cl.json());
    BackupRequest request;
    request.outDir = cl.parser().value(QStringLiteral("out"));
    auto level = numberOption(cl.parser(), QStringLiteral("compress"), request.pgCompression, QStringLiteral("backup"));
    if (!level)
        return fail(level.error(), cl.json());
    if (level.value() > 9 || level.value() != int(level.value()))
        return fail(Error::make(ErrorCode::Usage,
                                QStringLiteral("--compress takes a whole level from 0 to 9, not %1")
                                    .arg(cl.parser().value(QStringLiteral("compress"))),
                                QStringLiteral("e.g. --compress 1 (fast) or --compress 6 (pg_dump's default)")),
                    cl.json());
    request.pgCompression = int(level.value());
    const OpControl control = progressControl(cl.parser().isSet(QStringLiteral("progress")));
    auto result = BackupService::backup(detected->target, request, control);
    if (!result)
        return fail(result.error(), cl.json());
    const QStringList &warnings = result->manifest.warnings;
    if (cl.json()) {
        QJsonObject o = result->toJson();
        o.insert(QStringLiteral("status"), warnings.isEmpty() ? QStringLiteral("ok") : QStringLiteral("warning"));
        printJson(o);
    } else {
        QTextStream out(stdout);
        out << "backup   " << result->path << '\n'
            << "size     " << humanBytes(result->manifest.bytes) << '\n'
            << "sha256   " << result->manifest.sha256 << '\n'
            << "manifest " << result->manifestPath << '\n';
        for (const BackupResult &m : result->members)
            out << "  member " << m.path << " (" << humanBytes(m.manifest.bytes) << ")\n";
        for (const QString &s : result->skipped)
            out << "  skipped " << s << '\n';
        for (const QString &p : result->partialsRemoved)
            out << "removed  " << p << " (left by an interrupted run)\n";
        for (const QString &w : warnings)
            out << "WARNING  " << w << '\n';
    }
    return result->skipped.isEmpty() && warnings.isEmpty() ? ExitOk : ExitWarning;
}

const RegisterCommand reg({QStringLiteral("backup"), QStringLiteral("consistent, verified-ready backup with manifest"),
                           run});

} // namespace
} // namespace dbops::cli
