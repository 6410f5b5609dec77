#include "schedule/systemd.h"

#include <QHash>
#include <QProcess>
#include <QStandardPaths>

namespace dbops {
namespace {

constexpr int kTimeoutMs = 10000;

QHash<QString, QString> properties(const QString &text)
{
    QHash<QString, QString> values;
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (const int eq = line.indexOf(QLatin1Char('=')); eq > 0)
            values.insert(line.left(eq), line.mid(eq + 1).trimmed());
    return values;
}

// --timestamp=unix gives "@1733353200"; "" or "n/a" when there is none.
QDateTime moment(const QString &value)
{
    if (!value.startsWith(QLatin1Char('@')))
        return {};
    bool ok = false;
    const qint64 seconds = value.mid(1).toLongLong(&ok);
    return ok && seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC) : QDateTime();
}

} // namespace

Systemd::Systemd(bool system) : m_system(system)
{
    m_program = qEnvironmentVariable("DBOPS_SYSTEMCTL");
    if (m_program.isEmpty())
        m_program = QStandardPaths::findExecutable(QStringLiteral("systemctl"));
}

Systemd::Output Systemd::run(const QStringList &args) const
{
    Output o;
    if (m_program.isEmpty())
        return o;
    QProcess p;
    p.start(m_program, (m_system ? QStringList() : QStringList{QStringLiteral("--user")}) + args);
    if (!p.waitForFinished(kTimeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        return o;
    }
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    o.out = QString::fromUtf8(p.readAllStandardOutput());
    o.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return o;
}

bool Systemd::running(QString *why) const
{
    if (m_program.isEmpty()) {
        if (why)
            *why = QStringLiteral("systemd not running (no systemctl)");
        return false;
    }
    const Output o = run({QStringLiteral("is-system-running")});
    const QString state = o.out.trimmed();
    const bool up = QStringList{QStringLiteral("running"), QStringLiteral("degraded"), QStringLiteral("starting"),
                                QStringLiteral("initializing"), QStringLiteral("maintenance")}
                        .contains(state);
    if (!up && why)
        *why = QStringLiteral("systemd not running (%1)")
                   .arg(state.isEmpty() ? o.err.section(QLatin1Char('\n'), 0, 0) : state);
    return up;
}

Error Systemd::action(const QStringList &args, const QString &what) const
{
    const Output o = run(args);
    if (o.exitCode == 0)
        return {};
    return Error::make(
        ErrorCode::Io, QStringLiteral("systemctl could not %1: %2").arg(what, o.err.section('\n', 0, 0)),
        QStringLiteral("see `systemctl %1status`").arg(m_system ? QString() : QStringLiteral("--user ")));
}

Error Systemd::reload() const { return action({QStringLiteral("daemon-reload")}, QStringLiteral("reload its units")); }

Error Systemd::enable(const QString &name) const
{
    return action({QStringLiteral("enable"), QStringLiteral("--now"), name + QStringLiteral(".timer")},
                  QStringLiteral("enable %1.timer").arg(name));
}

Error Systemd::disable(const QString &name) const
{
    return action({QStringLiteral("disable"), QStringLiteral("--now"), name + QStringLiteral(".timer")},
                  QStringLiteral("disable %1.timer").arg(name));
}

Error Systemd::start(const QString &name) const
{
    return action({QStringLiteral("start"), QStringLiteral("--no-block"), name + QStringLiteral(".service")},
                  QStringLiteral("start %1.service").arg(name));
}

TimerState Systemd::state(const QString &name) const
{
    TimerState s;
    const Output timer =
        run({QStringLiteral("show"), QStringLiteral("--timestamp=unix"), name + QStringLiteral(".timer"),
             QStringLiteral("-p"), QStringLiteral("NextElapseUSecRealtime,UnitFileState")});
    const Output service = run({QStringLiteral("show"), QStringLiteral("--timestamp=unix"),
                                name + QStringLiteral(".service"), QStringLiteral("-p"),
                                QStringLiteral("ExecMainStartTimestamp,ExecMainExitTimestamp,ExecMainStatus,"
                                               "ActiveState,Result")});
    if (timer.exitCode != 0 || service.exitCode != 0)
        return s;
    const auto t = properties(timer.out);
    const auto v = properties(service.out);
    s.known = true;
    s.enabled = t.value(QStringLiteral("UnitFileState")) == QLatin1String("enabled");
    s.next = moment(t.value(QStringLiteral("NextElapseUSecRealtime")));
    s.lastStart = moment(v.value(QStringLiteral("ExecMainStartTimestamp")));
    const QDateTime exit = moment(v.value(QStringLiteral("ExecMainExitTimestamp")));
    if (s.lastStart.isValid() && exit.isValid())
        s.durationMs = std::max<qint64>(0, s.lastStart.msecsTo(exit));
    s.exitStatus = v.value(QStringLiteral("ExecMainStatus"), QStringLiteral("-1")).toInt();
    if (v.value(QStringLiteral("ActiveState")) == QLatin1String("activating"))
        s.result = QStringLiteral("running");
    else if (s.lastStart.isValid())
        s.result = s.exitStatus == 0   ? QStringLiteral("ok")
                   : s.exitStatus == 1 ? QStringLiteral("warning") // dbops's exit 1: done, with a warning
                                       : QStringLiteral("failed");
    return s;
}

} // namespace dbops
