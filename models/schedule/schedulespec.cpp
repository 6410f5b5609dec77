#include "schedule/schedulespec.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace dbops {
namespace {

const QString kMarker = QStringLiteral("# dbops-schedule ");

// ExecStart= quoting: each word in double quotes, systemd's specifiers (%) and variables ($) escaped.
QString execWord(QString word)
{
    word.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('%'), QStringLiteral("%%"))
        .replace(QLatin1Char('$'), QStringLiteral("$$"));
    return QLatin1Char('"') + word + QLatin1Char('"');
}

// Comment lines carry what the unit was made from, one value per line (percent-encoded: no line breaks).
QString meta(const QString &key, const QString &value)
{
    return kMarker + key + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value)) + QLatin1Char('\n');
}

} // namespace

QStringList ScheduleSpec::jobs()
{
    return {QStringLiteral("backup"),  QStringLiteral("verify"),   QStringLiteral("drill"),
            QStringLiteral("cleanup"), QStringLiteral("maintain"), QStringLiteral("watch")};
}

Expected<QString> ScheduleSpec::onCalendarFor(const QString &every)
{
    const QString e = every.trimmed().toLower();
    for (const char *word : {"minutely", "hourly", "daily", "weekly", "monthly"})
        if (e == QLatin1String(word))
            return e;
    static const QRegularExpression interval(QStringLiteral("^(\\d+)\\s*(m|min|h|d)$"));
    static const QRegularExpression clock(QStringLiteral("^([01]?\\d|2[0-3]):([0-5]\\d)$"));
    if (const auto m = interval.match(e); m.hasMatch()) {
        const int n = m.captured(1).toInt();
        const QString unit = m.captured(2);
        if (unit == QLatin1String("d") && n == 1)
            return QStringLiteral("daily");
        if (unit == QLatin1String("h") && n >= 1 && 24 % n == 0)
            return n == 1 ? QStringLiteral("hourly") : QStringLiteral("*-*-* 0/%1:00:00").arg(n);
        if (unit != QLatin1String("h") && unit != QLatin1String("d") && n >= 1 && 60 % n == 0)
            return QStringLiteral("*-*-* *:0/%1:00").arg(n);
    } else if (const auto c = clock.match(e); c.hasMatch()) {
        return QStringLiteral("*-*-* %1:%2:00").arg(c.captured(1).toInt(), 2, 10, QLatin1Char('0')).arg(c.captured(2));
    } else if (every.contains(QLatin1Char('*')) && !every.contains(QLatin1Char('\n'))) {
        // An OnCalendar expression of the operator's own; systemd judges it, but a time of day out of range
        // ("99:00") is caught here rather than by a timer that never fires.
        static const QRegularExpression time(QStringLiteral("(?:^|\\s)(\\d+):(\\d+)(?::(\\d+))?(?:\\s|$)"));
        const auto t = time.match(every);
        if (!t.hasMatch() || (t.captured(1).toInt() <= 23 && t.captured(2).toInt() <= 59 &&
                              (t.captured(3).isEmpty() || t.captured(3).toInt() <= 59)))
            return every.trimmed();
    }
    return Error::make(ErrorCode::Usage, QStringLiteral("--every %1 is not a schedule dbops understands").arg(every),
                       QStringLiteral("use 15min, 1h, 6h, daily, weekly, 03:30, or an OnCalendar expression such as "
                                      "\"Mon..Fri *-*-* 02:00:00\""));
}

QString ScheduleSpec::defaultName(const QString &job, const QString &target)
{
    QString base = QFileInfo(target.section(QLatin1Char('?'), 0, 0)).completeBaseName();
    if (base.isEmpty())
        base = QStringLiteral("store");
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("-"));
    return QStringLiteral("dbops-%1-%2").arg(job, base.left(40));
}

bool ScheduleSpec::isValidName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$"));
    return valid.match(name).hasMatch();
}

QStringList ScheduleSpec::command() const
{
    QStringList words{program, job, QStringLiteral("--db"), target};
    if (job == QLatin1String("verify"))
        words << QStringLiteral("--latest");
    if (job == QLatin1String("watch"))
        words << QStringLiteral("--once"); // one evaluation per timer run; notifiers come from the profile
    words << QStringLiteral("--json") << jobArgs;
    return words;
}

QString ScheduleSpec::serviceText() const
{
    QStringList exec;
    for (const QString &w : command())
        exec << execWord(w);
    return QStringLiteral("# Written by `dbops schedule add`; remove it with `dbops schedule remove %1`.\n").arg(name) +
           meta(QStringLiteral("job"), job) + meta(QStringLiteral("target"), target) +
           meta(QStringLiteral("every"), every) + meta(QStringLiteral("args"), jobArgs.join(QLatin1Char('\n'))) +
           QStringLiteral("[Unit]\nDescription=dbops %1 of %2 (%3)\n\n"
                          "[Service]\nType=oneshot\nEnvironment=DBOPS_SCHEDULE=%4\nExecStart=%5\n%6")
               .arg(job, target, every, name, exec.join(QLatin1Char(' ')),
                    // watch exits 1 / 2 while an alert is active: the run itself worked
                    job == QLatin1String("watch") ? QStringLiteral("SuccessExitStatus=1 2\n") : QString());
}

QString ScheduleSpec::timerText() const
{
    return QStringLiteral("# Written by `dbops schedule add`.\n[Unit]\nDescription=dbops %1 of %2 (%3)\n\n"
                          "[Timer]\nOnCalendar=%4\nPersistent=true\nUnit=%5.service\n\n"
                          "[Install]\nWantedBy=timers.target\n")
        .arg(job, target, every, onCalendar, name);
}

Expected<ScheduleSpec> ScheduleSpec::fromServiceText(const QString &name, const QString &text)
{
    ScheduleSpec s;
    s.name = name;
    bool ours = false;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("ExecStart=")))
            s.program = line.mid(11).section(QLatin1Char('"'), 0, 0);
        if (!line.startsWith(kMarker))
            continue;
        const QString pair = line.mid(kMarker.size());
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        const QString value = QUrl::fromPercentEncoding(pair.section(QLatin1Char('='), 1).toLatin1());
        ours = true;
        if (key == QLatin1String("job"))
            s.job = value;
        else if (key == QLatin1String("target"))
            s.target = value;
        else if (key == QLatin1String("every"))
            s.every = value;
        else if (key == QLatin1String("args") && !value.isEmpty())
            s.jobArgs = value.split(QLatin1Char('\n'));
    }
    if (!ours)
        return Error::make(ErrorCode::NotFound, QStringLiteral("%1 is not a dbops schedule").arg(name));
    if (auto calendar = onCalendarFor(s.every))
        s.onCalendar = calendar.value();
    return s;
}

} // namespace dbops
