// dbops watch: the alert rules evaluated every interval (or once), each change of state notified once — desktop,
// a command, a webhook — and audited; a recovery when it clears; one no notifier took sent again by the next
// evaluation (AlertChannels::deliver). Exit (--once): 0 no alert active, 1 a warning,
// 2 a critical alert, 3 unusable input.
#include "alert/alertchannels.h"
#include "alert/alertsettings.h"
#include "alert/alertwatch.h"
#include "cliutil.h"
#include "command.h"
#include "core/printable.h"
#include "core/retentionpolicy.h"
#include "schedule/scheduledrun.h"

#include <QJsonDocument>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <csignal>

namespace dbops::cli {
namespace {

constexpr qint64 kMinIntervalS =
    30; // one evaluation (about 20 statements on PostgreSQL) per interval: under a query a second

std::atomic_bool g_stop{false};
void requestStop(int) { g_stop = true; }

const QString kInterval = QStringLiteral("interval");
const QString kOnce = QStringLiteral("once");
const QString kNotify = QStringLiteral("notify");
const QString kCommand = QStringLiteral("command");
const QString kWebhook = QStringLiteral("webhook");
const QString kBackupDir = QStringLiteral("backup-dir");

void addOptions(QCommandLineParser &p)
{
    p.addOption({kInterval, QStringLiteral("Time between evaluations: 60s (default), 5m; at least 30s."),
                 QStringLiteral("TIME")});
    p.addOption({kOnce, QStringLiteral("Evaluate once and exit: 0 no alert active, 1 a warning, 2 a critical one.")});
    p.addOption({kNotify, QStringLiteral("desktop: a desktop notification per alert (when a session bus exists)."),
                 QStringLiteral("KIND")});
    p.addOption({kCommand, QStringLiteral("Run PATH per alert, the alert as JSON on stdin (default: alert_command)."),
                 QStringLiteral("PATH")});
    p.addOption({kWebhook,
                 QStringLiteral("POST each alert as JSON to URL (default: the profile's alert_webhook, which keeps a "
                                "token out of the process list)."),
                 QStringLiteral("URL")});
    p.addOption({kBackupDir,
                 QStringLiteral("The folder holding the backups (default: the dbops data folder's backups/)."),
                 QStringLiteral("DIR")});
}

Error usage(const QString &message, const QString &hint) { return Error::make(ErrorCode::Usage, message, hint); }

Expected<qint64> intervalOf(const QCommandLineParser &p)
{
    if (!p.isSet(kInterval))
        return qint64(60);
    const QString text = p.value(kInterval).trimmed();
    bool plain = false;
    const qint64 seconds = text.toLongLong(&plain);
    const qint64 s = plain ? seconds : RetentionPolicy::parseKeep(text);
    if (s < kMinIntervalS)
        return usage(QStringLiteral("--interval %1 is not a time of 30s or more").arg(text),
                     QStringLiteral("use e.g. --interval 60s or --interval 5m"));
    return s;
}

Expected<AlertChannels> channelsOf(const QCommandLineParser &p, const AlertSettings &settings)
{
    AlertChannels c;
    for (const QString &kind : p.values(kNotify)) {
        if (kind != QLatin1String("desktop"))
            return usage(QStringLiteral("--notify %1 is not a notifier").arg(kind),
                         QStringLiteral("use --notify desktop, --command PATH or --webhook URL"));
        c.desktop = true;
    }
    c.desktop = c.desktop || settings.desktop;
    c.command = p.isSet(kCommand) ? p.value(kCommand) : settings.command;
    c.webhook = p.isSet(kWebhook) ? p.value(kWebhook) : settings.webhook;
    if (p.isSet(kWebhook) && !ScheduledRun::scheduleName().isEmpty())
        return usage(QStringLiteral("a scheduled watch takes its webhook from the profile, not from --webhook"),
                     QStringLiteral("put alert_webhook=URL in the profile's group of profiles.ini: a token in a "
                                    "unit's command line is readable by every user"));
    if (const Error e = c.check()) // before anything is recorded: a wrong path is said now, not at an alert
        return e;
    return c;
}

// The changes, then the earlier ones sent again (JSON: `resent` true; `at` stays when the change was seen).
void print(const AlertCheck &check, bool json)
{
    QTextStream out(stdout);
    const auto line = [&](const AlertEvent &e, bool resent) {
        if (json) {
            QJsonObject o = e.toJson();
            if (resent)
                o.insert(QStringLiteral("resent"), true);
            out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            return;
        }
        out << (resent         ? "RESENT    "
                : e.recovery() ? "RECOVERY  "
                               : "ALERT     ")
            << e.at.toLocalTime().toString(Qt::ISODate) << "  " << Printable::name(e.line()) << '\n';
    };
    for (const AlertEvent &e : check.events)
        line(e, false);
    for (const AlertEvent &e : check.resent)
        line(e, true);
    out.flush();
}

// Sleeps `seconds` in short steps so Ctrl-C / SIGTERM end the watch at once.
void pause(qint64 seconds)
{
    for (qint64 ms = 0; ms < seconds * 1000 && !g_stop; ms += 200)
        QThread::msleep(200);
}

int watch(const Invocation &in, const WatchRequest &request, qint64 interval)
{
    const bool once = in.options().isSet(kOnce);
    if (!once) {
        std::signal(SIGINT, requestStop);
        std::signal(SIGTERM, requestStop);
        if (!in.json())
            QTextStream(stdout) << "watching " << request.board.status.target.display() << " every " << interval
                                << " s (Ctrl+C stops)" << Qt::endl;
    }
    int code = ExitOk;
    do {
        WatchRequest r = request;
        r.board.status.now = QDateTime::currentDateTimeUtc();
        Error stateError;
        const AlertCheck check = AlertWatch::check(r, &stateError);
        print(check, in.json()); // what was sent, even when state.db failed after it
        for (const Error &e : check.notifyErrors)
            printError(e); // a notifier that failed: said on stderr, the watch goes on
        if (stateError)
            return in.fail(stateError);
        code = check.exitCode();
        if (!once)
            pause(interval);
    } while (!once && !g_stop);
    return once ? code : ExitOk;
}

int run(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    auto interval = intervalOf(p);
    if (!interval)
        return in.fail(interval.error());
    WatchRequest request = AlertWatch::forTarget(in.target());
    request.board.status.backupDir = p.value(kBackupDir);
    auto channels = channelsOf(p, AlertSettings::forProfile(in.target().profileName));
    if (!channels)
        return in.fail(channels.error());
    request.options.channels = channels.value();
    return watch(in, request, interval.value());
}

const RegisterCommand
    reg({QStringLiteral("watch"), QStringLiteral("alert rules evaluated every interval, each change notified once"),
         QStringLiteral("Evaluates the alert rules (backup age, last proven restore, replica lag, WAL archiving, "
                        "blocked sessions, connections of max, critical health findings, scheduled jobs failing or "
                        "missing their run, the target unreachable) every --interval, and notifies each change of "
                        "state once: desktop, --command, --webhook; a recovery when it clears; one no notifier took is "
                        "sent again by the next evaluation. Audited (action alert). Loops until Ctrl+C / SIGTERM; "
                        "--once: exit 0 no alert active, 1 a warning, 2 a critical alert, 3 unusable input."),
         TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
