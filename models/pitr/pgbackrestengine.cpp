#include "pitr/pgbackrestengine.h"

#include "pitr/pgbackrestinfo.h"
#include "pitr/pitrdatadir.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <optional>

#include <unistd.h>

namespace dbops {

namespace {
constexpr int kPollMs = 200;

QString lastErrorLine(const QByteArray &err, const QByteArray &out)
{
    const QList<QByteArray> lines = QByteArray(err + '\n' + out).split('\n');
    for (const QByteArray &l : lines)
        if (l.contains("ERROR:"))
            return QString::fromUtf8(l.trimmed());
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (!it->trimmed().isEmpty())
            return QString::fromUtf8(it->trimmed());
    return {};
}
} // namespace

PgBackRestEngine::PgBackRestEngine(const QString &configFile, const QString &osUser)
    : m_config(configFile), m_osUser(osUser)
{}

Expected<QString> PgBackRestEngine::binary()
{
    const QString path = QStandardPaths::findExecutable(QStringLiteral("pgbackrest"));
    if (path.isEmpty())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("pgbackrest is not installed (not on PATH)"),
                           QStringLiteral("install the Debian package pgbackrest (apt-get install pgbackrest)"));
    return path;
}

QStringList PgBackRestEngine::commandLine(const QStringList &args) const
{
    QStringList line;
    if (::geteuid() == 0 && !m_osUser.isEmpty())
        line << QStringLiteral("runuser") << QStringLiteral("-u") << m_osUser << QStringLiteral("--");
    line << QStringLiteral("pgbackrest");
    if (!m_config.isEmpty())
        line << QStringLiteral("--config=") + m_config;
    return line + args;
}

Expected<PgBackRestRun> PgBackRestEngine::run(const QStringList &args, const OpControl *control) const
{
    auto bin = binary();
    if (!bin)
        return bin.error();
    QStringList line = commandLine(args);
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/")); // the cluster's owner may not enter the caller's folder
    const QString program = line.takeFirst();
    p.start(program == QLatin1String("pgbackrest") ? bin.value() : program, line);
    if (!p.waitForStarted())
        return Error::make(ErrorCode::Unsupported, QStringLiteral("cannot start %1").arg(program),
                           QStringLiteral("check that pgbackrest (and runuser, when dbops runs as root) is installed"));
    PgBackRestRun result;
    QByteArray pending;
    std::optional<PgBackRestProgress> progress;
    if (control)
        progress.emplace(*control, QStringLiteral("pgbackrest %1").arg(args.last()));
    while (!p.waitForFinished(kPollMs)) {
        if (control && control->cancelled()) {
            p.terminate(); // pgBackRest stops cleanly on SIGTERM; the next backup resumes what it copied
            p.waitForFinished(-1);
            return Error::make(ErrorCode::Cancelled, QStringLiteral("pgbackrest %1 cancelled").arg(args.last()),
                               args.last() == QLatin1String("restore")
                                   ? QStringLiteral("run it again into a new directory")
                                   : QStringLiteral("run it again: pgBackRest resumes an interrupted backup"));
        }
        pending += p.readAllStandardOutput();
        for (int nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
            const QByteArray l = pending.left(nl);
            result.out += l + '\n';
            pending.remove(0, nl + 1);
            if (progress)
                progress->line(l);
        }
    }
    result.out += pending + p.readAllStandardOutput();
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (result.exitCode != 0)
        result.errorLine = lastErrorLine(p.readAllStandardError(), result.out);
    return result;
}

Error PgBackRestEngine::runChecked(const QStringList &args, const QString &what, const OpControl *control) const
{
    auto r = run(args, control);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return Error::make(
            ErrorCode::QueryFailed,
            QStringLiteral("pgbackrest %1 failed (exit %2): %3").arg(what).arg(r->exitCode).arg(r->errorLine),
            QStringLiteral("run `%1` to see the whole message").arg(commandLine(args).join(QLatin1Char(' '))));
    return {};
}

QStringList PgBackRestEngine::configuredStanzas() const
{
    QStringList candidates{m_config, qEnvironmentVariable("PGBACKREST_CONFIG"),
                           QStringLiteral("/etc/pgbackrest/pgbackrest.conf"), QStringLiteral("/etc/pgbackrest.conf")};
    candidates.removeAll(QString());
    for (const QString &path : candidates) {
        QFile file(path);
        if (!file.exists())
            continue;
        QStringList stanzas;
        if (!file.open(QIODevice::ReadOnly))
            return stanzas;
        static const QRegularExpression section(QStringLiteral(R"(^\s*\[([^\]:]+)\]\s*$)"));
        for (const QByteArray &line : file.readAll().split('\n')) {
            const QString name = section.match(QString::fromUtf8(line)).captured(1).trimmed();
            if (!name.isEmpty() && name != QLatin1String("global"))
                stanzas << name;
        }
        return stanzas;
    }
    return {};
}

Expected<QList<PitrInfo>> PgBackRestEngine::info(const QString &stanza) const
{
    QStringList args{QStringLiteral("--output=json")};
    if (!stanza.isEmpty())
        args << QStringLiteral("--stanza=") + stanza;
    args << QStringLiteral("info");
    auto r = run(args);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("pgbackrest info failed (exit %1): %2").arg(r->exitCode).arg(r->errorLine),
                           QStringLiteral("check the pgBackRest configuration%1")
                               .arg(m_config.isEmpty() ? QString() : QStringLiteral(" ") + m_config));
    return PgBackRestInfo::parse(r->out);
}

Expected<PitrBackup> PgBackRestEngine::backup(const PitrBackupRequest &request, const OpControl &control) const
{
    if (!PitrBackupRequest::validType(request.type))
        return Error::make(ErrorCode::Usage, QStringLiteral("unknown backup type \"%1\"").arg(request.type),
                           QStringLiteral("use full, diff or incr"));
    // The detail log names every file copied with the share done so far: the progress.
    const QStringList args{QStringLiteral("--stanza=") + request.stanza, QStringLiteral("--type=") + request.type,
                           QStringLiteral("--log-level-console=detail"), QStringLiteral("backup")};
    if (Error e = runChecked(args, QStringLiteral("backup of stanza %1").arg(request.stanza), &control))
        return e;
    auto stanzas = info(request.stanza);
    if (!stanzas)
        return stanzas.error();
    if (stanzas->isEmpty() || stanzas->first().backups.isEmpty())
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("pgbackrest backup of stanza %1 ended, but pgbackrest info lists no backup")
                               .arg(request.stanza),
                           QStringLiteral("run `pgbackrest --stanza=%1 info` and check its log").arg(request.stanza));
    return stanzas->first().backups.last();
}

QString PgBackRestEngine::targetTime(const QDateTime &moment)
{
    return moment.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + QStringLiteral("000+00");
}

Error PgBackRestEngine::restore(const PitrRestoreRequest &request, const OpControl &control) const
{
    if (!request.moment.isValid())
        return Error::make(ErrorCode::Usage, QStringLiteral("no moment to restore to"),
                           QStringLiteral("give the time (ISO-8601, or -15m)"));
    if (Error e = PitrDataDir::prepare(request.dataDirectory, m_osUser))
        return e;
    // --archive-mode=off: the copy's configuration comes from the live cluster, archive_command included.
    const QStringList args{QStringLiteral("--stanza=") + request.stanza,
                           QStringLiteral("--type=time"),
                           QStringLiteral("--target=") + targetTime(request.moment),
                           QStringLiteral("--target-action=promote"),
                           QStringLiteral("--archive-mode=off"),
                           QStringLiteral("--pg1-path=") + QFileInfo(request.dataDirectory).absoluteFilePath(),
                           QStringLiteral("--log-level-console=detail"),
                           QStringLiteral("restore")};
    Error e = runChecked(
        args, QStringLiteral("restore of stanza %1 into %2").arg(request.stanza, request.dataDirectory), &control);
    if (e)
        PitrDataDir::clear(request.dataDirectory); // it was empty: leave it so
    return e;
}

Error PgBackRestEngine::stanzaCreate(const QString &stanza) const
{
    return runChecked({QStringLiteral("--stanza=") + stanza, QStringLiteral("stanza-create")},
                      QStringLiteral("stanza-create of %1").arg(stanza));
}

Error PgBackRestEngine::check(const QString &stanza) const
{
    return runChecked({QStringLiteral("--stanza=") + stanza, QStringLiteral("check")},
                      QStringLiteral("check of %1").arg(stanza));
}

void PgBackRestProgress::line(const QByteArray &line)
{
    const double percent = PgBackRestEngine::progressOf(line);
    if (percent < 0)
        return;
    const qint64 done = qRound64(percent * 100);
    if (done == m_last)
        return;
    m_last = done;
    m_control.report(done, 10000, m_what);
}

double PgBackRestEngine::progressOf(const QByteArray &line)
{
    static const QRegularExpression percent(QStringLiteral("\\(([^,()]*, )?([0-9]+(\\.[0-9]+)?)%\\)"));
    const auto m = percent.match(QString::fromUtf8(line));
    return m.hasMatch() ? m.captured(2).toDouble() : -1;
}

} // namespace dbops
