// dbops verify: check a backup against its manifest (size, SHA-256; SQLite: integrity_check and row counts;
// PostgreSQL: pg_restore -l) and record the verdict in the manifest. Exit 0 verified, 2 failed, 3 when the
// check could not run (no such backup, no pg_restore, no scratch server): the recorded verdict is left as it was.
#include "cliutil.h"
#include "command.h"
#include "core/printable.h"
#include "ops/backupverifier.h"
#include "ops/drill.h"
#include "opsprogress.h"
#include "passwordprompt.h"

#include <QTextStream>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The backup to verify."));
    p.addOption({QStringLiteral("progress"), QStringLiteral("Print progress on stderr.")});
    p.addOption({QStringLiteral("no-write"), QStringLiteral("Do not record the verdict in the manifest.")});
    p.addOption({QStringLiteral("latest"),
                 QStringLiteral("Instead of PATH: the newest backup of the store given by --db (what a schedule "
                                "runs).")});
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("With --latest: the backup folder (default: the dbops data "
                                "folder's backups/)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("scratch"),
                 QStringLiteral("PostgreSQL: also restore into a temporary scratch database on the server given by "
                                "--db (dropped afterwards) and compare row counts.")});
}

// The store is needed only by --scratch, so --db is resolved only then.
Expected<VerifyOptions> optionsFrom(const Invocation &in)
{
    VerifyOptions options;
    options.writeBack = !in.options().isSet(QStringLiteral("no-write"));
    if (in.options().isSet(QStringLiteral("scratch"))) {
        auto server = in.resolveTarget();
        if (!server)
            return server.error();
        options.scratchServer = server->target;
        PasswordPrompt::askIfNeeded(options.scratchServer); // as for every other command's --db
    }
    return options;
}

// PATH, or with --latest the newest backup of --db's store.
Expected<QString> backupPath(const Invocation &in)
{
    const QStringList paths = in.options().positionalArguments();
    if (!in.options().isSet(QStringLiteral("latest")))
        return paths.value(0);
    if (!paths.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("--latest and PATH exclude each other"),
                           QStringLiteral("name one backup, or verify the newest of --db"));
    auto store = in.resolveTarget();
    if (!store)
        return store.error();
    return RestoreDrill::latestBackup(store->target, in.options().value(QStringLiteral("dir")));
}

int run(const Invocation &in)
{
    auto path = backupPath(in);
    if (!path)
        return in.fail(path.error());
    const QStringList paths = path->isEmpty() ? QStringList() : QStringList{path.value()};
    if (paths.size() != 1)
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("verify takes exactly one PATH"),
                                   QStringLiteral("see `dbops verify --help`")));
    auto options = optionsFrom(in);
    if (!options)
        return in.fail(options.error());
    auto report = BackupVerifier::verify(paths.first(), options.value(),
                                         progressControl(in.options().isSet(QStringLiteral("progress"))));
    if (!report) {
        const int code = in.fail(report.error());
        // Not a verdict on the backup: whatever stopped the check, it could not run.
        return report.error().code == ErrorCode::Cancelled ? code : int(ExitUnknown);
    }
    output(report.value(), in.json(), [](QTextStream &out, const VerifyReport &r) {
        out << (r.verified() ? "verified " : "FAILED   ") << r.path << '\n';
        for (const QString &p : r.problems)
            out << "  problem: " << Printable::name(p) << '\n';
    });
    return report->verified() ? ExitOk : ExitCritical;
}

const RegisterCommand reg(
    {QStringLiteral("verify"), QStringLiteral("verify a backup against its manifest"),
     QStringLiteral("Verify a backup (the file, its folder for a data directory backup, or its .manifest.json): size "
                    "and SHA-256 against the manifest; SQLite: opened read-only, PRAGMA integrity_check, row counts; "
                    "PostgreSQL: pg_restore --list. The verdict is written back into the manifest. Exit 0 verified, 2 "
                    "failed, 3 could not check (not found, pg_restore missing, scratch server unusable: the recorded "
                    "verdict is kept)."),
     TargetUse::OnRequest, addOptions, run});

} // namespace
} // namespace dbops::cli
