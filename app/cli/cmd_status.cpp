// dbops status: the verdict per concern (connections, queries, writer and lock files, WAL, health, migrations,
// newest verified backup, last proven restore, continuous protection, disk space, scheduled jobs) for one target,
// or --all for every saved profile, each judged with its profile's alert_* thresholds as the console's Overview
// judges it; exit code the worst state (0 ok, 1 warning, 2 critical, 3 the target cannot be reached or used).
#include "alert/targetboard.h"
#include "cliutil.h"
#include "command.h"
#include "core/printable.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

const QString kAll = QStringLiteral("all");
const QString kBackupDir = QStringLiteral("backup-dir");

void addOptions(QCommandLineParser &p)
{
    p.addOption({kAll, QStringLiteral("Every saved profile, one after another (one session per PostgreSQL target).")});
    p.addOption({kBackupDir,
                 QStringLiteral("The folder holding the backups (default: the dbops data folder's backups/)."),
                 QStringLiteral("DIR")});
}

// Text output only: a concern not set up reads "info", not "ok" (JSON says "ok" with "neutral": true).
QString stateWord(CheckState state)
{
    return state == CheckState::Neutral ? QStringLiteral("INFO") : StatusCheck::stateName(state).toUpper();
}

void printBoard(QTextStream &out, const StatusBoard &board)
{
    const QString name =
        board.profile.isEmpty() ? board.target : QStringLiteral("%1 (%2)").arg(board.profile, board.target);
    if (board.error) {
        out << "status  UNREACHABLE  " << name << "\n  " << Printable::name(board.error.oneLine()) << '\n';
        return;
    }
    out << "status  " << stateWord(board.worst()) << "  " << name << '\n';
    for (const StatusCheck &c : board.checks)
        out << "  " << stateWord(c.state).leftJustified(9) << c.name.leftJustified(14) << Printable::name(c.reason)
            << '\n';
}

// The board the console's Overview shows for the target: its profile's alert_* thresholds, the `schedules` row.
StatusBoard evaluate(const Target &target, const QString &backupDir)
{
    BoardRequest request = TargetBoard::forTarget(target);
    request.status.backupDir = backupDir;
    return TargetBoard::evaluate(request);
}

// Every saved profile: an unreachable one counts as critical here (one bot down is a critical finding for the
// whole fleet); exit 3 only when there is no profile to check.
int runAll(const Invocation &in, const QString &backupDir)
{
    const ProfileStore store;
    const QStringList names = store.names();
    if (names.isEmpty())
        return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("no saved profile in %1").arg(store.file()),
                                   QStringLiteral("save one in the console, or check one target with --db")));
    QJsonArray targets;
    CheckState worst = CheckState::Ok;
    QTextStream out(stdout);
    for (const QString &name : names) {
        auto target = store.resolve(name);
        StatusBoard board;
        if (target) {
            board = evaluate(target.value(), backupDir);
        } else {
            board.profile = name;
            board.error = target.error();
        }
        worst = std::max(worst, board.error ? CheckState::Critical : board.worst());
        if (in.json())
            targets.append(board.toJson());
        else
            printBoard(out, board);
    }
    if (in.json())
        printJson({{QStringLiteral("worst"), StatusCheck::stateName(worst)}, {QStringLiteral("targets"), targets}});
    return StatusCheck::exitCode(worst);
}

int run(const Invocation &in)
{
    const QString backupDir = in.options().value(kBackupDir);
    if (in.options().isSet(kAll)) {
        if (in.options().isSet(QStringLiteral("db")))
            return in.fail(Error::make(ErrorCode::Usage, QStringLiteral("--all and --db exclude each other"),
                                       QStringLiteral("use --all for every saved profile, --db for one target")));
        return runAll(in, backupDir);
    }
    auto detected = in.resolveTarget();
    if (!detected)
        return in.fail(detected.error());
    const StatusBoard board = evaluate(detected->target, backupDir);
    if (board.error)
        return in.fail(board.error);
    output(board, in.json(), printBoard);
    return board.exitCode();
}

const RegisterCommand
    reg({QStringLiteral("status"),
         QStringLiteral("verdict per concern, green / amber / red (exit 0 ok, 1 warning, 2 critical)"),
         QStringLiteral("The status board: one row per concern (connections, queries running or "
                        "blocked now, writer and lock files, WAL and checkpoints, table health, "
                        "migrations, newest verified backup, last proven restore, continuous "
                        "protection, disk space for the store and the backups, scheduled jobs), "
                        "each ok / warning / critical with its reason, judged with the profile's "
                        "alert_* thresholds as the console's Overview judges it. Only reads. "
                        "Exit 0 ok, 1 warning, 2 critical, 3 unreachable; --all: every saved "
                        "profile, exit the worst (an unreachable one counts as critical)."),
         TargetUse::OnRequest, addOptions, run});

} // namespace
} // namespace dbops::cli
