// dbops verify: check a backup against its manifest (size, SHA-256; SQLite: integrity_check and row counts;
// PostgreSQL: pg_restore -l) and record the verdict in the manifest. Exit 0 verified, 2 failed, 3 when the
// check could not run (no such backup, no pg_restore, no scratch server): the recorded verdict is left as it was.
#include "cliutil.h"
#include "command.h"
#include "core/printable.h"
#include "ops/backupverifier.h"
#include "opsprogress.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

int run(const QStringList &args)
{
    CommandLine cl(
        QStringLiteral("verify"),
        QStringLiteral("Verify a backup (the file, its folder for a data directory backup, or its "
                       ".manifest.json): size and SHA-256 against the manifest; SQLite: opened read-only, "
                       "PRAGMA integrity_check, row counts; PostgreSQL: pg_restore --list. The verdict is "
                       "written back into the manifest. Exit 0 verified, 2 failed, 3 could not check (not found, "
                       "pg_restore missing, scratch server unusable: the recorded verdict is kept)."));
    cl.parser().addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The backup to verify."));
    cl.parser().addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    cl.parser().addOption({QStringLiteral("no-write"), QStringLiteral("Do not record the verdict in the manifest.")});
    cl.parser().addOption({QStringLiteral("scratch"),
                           QStringLiteral("PostgreSQL: also restore into a temporary scratch database on the server "
                                          "given by --db (dropped afterwards) and compare row counts.")});
    int code = 0;
    if (!cl.parse(args, &code))
        return code;
    const QStringList paths = cl.parser().positionalArguments();
    if (paths.size() != 1)
        return fail(Error::make(ErrorCode::Usage, QStringLiteral("verify takes exactly one PATH"),
                                QStringLiteral("see `dbops verify --help`")),
                    cl.json());
    VerifyOptions options;
    options.writeBack = !cl.parser().isSet(QStringLiteral("no-write"));
    if (cl.parser().isSet(QStringLiteral("scratch"))) {
        auto server = cl.target();
        if (!server)
            return fail(server.error(), cl.json());
        options.scratchServer = server->target;
    }
    auto report =
        BackupVerifier::verify(paths.first(), options, progressControl(cl.parser().isSet(QStringLiteral("progress"))));
    if (!report) {
        const int code = fail(report.error(), cl.json());
        // Not a verdict on the backup: whatever stopped the check, it could not run.
        return report.error().code == ErrorCode::Cancelled ? code : int(ExitUnknown);
    }
    if (cl.json()) {
        printJson(report->toJson());
    } else {
        QTextStream out(stdout);
        out << (report->verified() ? "verified " : "FAILED   ") << report->path << '\n';
        for (const QString &p : report->problems)
            out << "  problem: " << Printable::name(p) << '\n';
    }
    return report->verified() ? ExitOk : ExitCritical;
}

const RegisterCommand reg({QStringLiteral("verify"), QStringLiteral("verify a backup against its manifest"), run});

} // namespace
} // namespace dbops::cli
