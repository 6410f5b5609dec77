#include "schedule/scheduleunits.h"

#include "ops/durablefile.h"

#include <QDir>
#include <QFile>

namespace dbops {
namespace {

QString userUnitDir()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/systemd/user");
}

Expected<ScheduleSpec> read(const QString &dir, const QString &name)
{
    QFile f(dir + QLatin1Char('/') + name + QStringLiteral(".service"));
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::NotFound, QStringLiteral("no schedule %1 in %2").arg(name, dir),
                           QStringLiteral("`dbops schedule list` shows the schedules"));
    return ScheduleSpec::fromServiceText(name, QString::fromUtf8(f.readAll()));
}

} // namespace

ScheduleUnits::ScheduleUnits(bool system)
    : m_dir(system ? QStringLiteral("/etc/systemd/system") : userUnitDir()), m_system(system)
{}

Error ScheduleUnits::add(const ScheduleSpec &spec) const
{
    const QString base = m_dir + QLatin1Char('/') + spec.name;
    if (QFile::exists(base + QStringLiteral(".service")) || QFile::exists(base + QStringLiteral(".timer")))
        return Error::make(
            ErrorCode::Usage, QStringLiteral("a unit named %1 exists in %2").arg(spec.name, m_dir),
            QStringLiteral("remove it first (`dbops schedule remove %1`) or pick --name").arg(spec.name));
    if (!QDir().mkpath(m_dir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create %1").arg(m_dir),
                           m_system ? QStringLiteral("system units need root (sudo)") : QString());
    if (Error e = DurableFile::writeWhole(base + QStringLiteral(".service"), spec.serviceText().toUtf8(), true))
        return e;
    if (Error e = DurableFile::writeWhole(base + QStringLiteral(".timer"), spec.timerText().toUtf8(), true)) {
        QFile::remove(base + QStringLiteral(".service")); // no half schedule
        return e;
    }
    return {};
}

Expected<QList<ScheduleSpec>> ScheduleUnits::list() const
{
    QList<ScheduleSpec> specs;
    for (const QString &file : QDir(m_dir).entryList({QStringLiteral("*.timer")}, QDir::Files, QDir::Name)) {
        const QString name = file.chopped(6);
        if (auto spec = read(m_dir, name))
            specs << spec.value();
    }
    return specs;
}

Error ScheduleUnits::remove(const QString &name) const
{
    if (!ScheduleSpec::isValidName(name))
        return Error::make(ErrorCode::Usage, QStringLiteral("\"%1\" is not a schedule name").arg(name),
                           QStringLiteral("`dbops schedule list` shows the schedules"));
    auto spec = read(m_dir, name);
    if (!spec)
        return spec.error();
    const QString base = m_dir + QLatin1Char('/') + name;
    if (!QFile::remove(base + QStringLiteral(".timer")) && QFile::exists(base + QStringLiteral(".timer")))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot remove %1.timer in %2").arg(name, m_dir));
    QFile::remove(base + QStringLiteral(".service"));
    return {};
}

} // namespace dbops
