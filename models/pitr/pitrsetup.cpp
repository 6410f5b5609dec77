#include "pitr/pitrsetup.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "dialect/sqltext.h"
#include "ops/durablefile.h"
#include "ops/pgtools.h"
#include "pitr/pgbackrestengine.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>

#include <unistd.h>

namespace dbops {

namespace {

const QString kOwner = QStringLiteral("postgres");

bool localHost(const Target &target)
{
    const QString h = target.pg.host;
    return h.isEmpty() || h.startsWith(QLatin1Char('/')) || h == QLatin1String("localhost") ||
           h == QLatin1String("127.0.0.1") || h == QLatin1String("::1");
}

QString stanzaHeader(const PitrSetupPlan &p) { return QLatin1Char('[') + p.stanza + QLatin1Char(']'); }

QStringList configLines(const PitrSetupPlan &p, const PitrServer &s)
{
    // The repository in [global] (where `info` without --stanza looks) and in the stanza's own section too: that
    // one holds when the stanza is added to a file whose [global] names another repository (pgBackRest reads a
    // stanza's options before the global ones).
    return {QStringLiteral("[global]"),
            QStringLiteral("repo1-path=") + p.repoDir,
            QStringLiteral("repo1-retention-full=2"),
            QStringLiteral("start-fast=y"),
            QString(),
            stanzaHeader(p),
            QStringLiteral("repo1-path=") + p.repoDir,
            QStringLiteral("repo1-retention-full=2"),
            QStringLiteral("pg1-path=") + s.dataDirectory,
            QStringLiteral("pg1-port=%1").arg(s.port),
            QStringLiteral("pg1-socket-path=") + s.socketDirectory};
}

// The stanza's section of the file (its repository included), and [global] too when the file is new: an existing
// file keeps its own.
Error writeConfig(const PitrSetupPlan &p, QStringList &done)
{
    QFile existing(p.configFile);
    QString text;
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1").arg(p.configFile),
                               QStringLiteral("check its permissions"));
        text = QString::fromUtf8(existing.readAll());
        if (text.contains(stanzaHeader(p))) {
            done << QStringLiteral("%1 already has stanza %2: left as it is").arg(p.configFile, p.stanza);
            return {};
        }
        const QStringList stanza = p.configLines.mid(p.configLines.indexOf(stanzaHeader(p)));
        text += QLatin1Char('\n') + stanza.join(QLatin1Char('\n')) + QLatin1Char('\n');
    } else {
        text = p.configLines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    QDir().mkpath(QFileInfo(p.configFile).absolutePath());
    if (Error e = DurableFile::writeWhole(p.configFile, text.toUtf8(), true))
        return e;
    done << QStringLiteral("wrote stanza %1 into %2").arg(p.stanza, p.configFile);
    return {};
}

// The repository folder, owned by the cluster's owner when dbops is root: pgBackRest runs as that user.
Error makeRepo(const PitrSetupPlan &p, QStringList &done)
{
    if (!QDir().mkpath(p.repoDir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the repository folder %1").arg(p.repoDir),
                           QStringLiteral("check its parent's permissions"));
    if (::geteuid() == 0) {
        for (const QString &path : {p.repoDir, p.configFile})
            if (QProcess::execute(QStringLiteral("chown"), {kOwner + QLatin1Char(':') + kOwner, path}) != 0)
                return Error::make(ErrorCode::Io, QStringLiteral("cannot give %1 to the user %2").arg(path, kOwner),
                                   QStringLiteral("chown it to the cluster's owner yourself"));
    }
    done << QStringLiteral("repository folder %1 ready").arg(p.repoDir);
    return {};
}

Error alterSystem(const Target &target, const PitrSetupPlan &p, QStringList &done)
{
    ScopedConnection c(target, SessionOptions::action(), QStringLiteral("pitr-setup"));
    if (!c.ok())
        return c.error();
    QSqlQuery q(c.db());
    for (const QString &statement : p.settings) {
        if (!q.exec(SqlText::marked(statement)))
            return Connector::classify(q.lastError(), target, QStringLiteral("change the archiving settings of"));
        done << statement;
    }
    if (!q.exec(SqlText::postgresql("pitr", "reload")))
        return Connector::classify(q.lastError(), target, QStringLiteral("reload the configuration of"));
    done << SqlText::plain(QStringLiteral("postgresql"), QStringLiteral("pitr"), QStringLiteral("reload"));
    return {};
}

Error restart(const PitrSetupPlan &p, QStringList &done)
{
    QFile version(p.dataDirectory + QStringLiteral("/PG_VERSION"));
    const int major = version.open(QIODevice::ReadOnly) ? version.readAll().trimmed().toInt() : 0;
    auto pgctl = PgTools::find(QStringLiteral("pg_ctl"), major);
    if (!pgctl)
        return pgctl.error();
    QStringList args{
        pgctl->path,          QStringLiteral("-D"),     p.dataDirectory, QStringLiteral("-m"), QStringLiteral("fast"),
        QStringLiteral("-w"), QStringLiteral("restart")};
    if (::geteuid() == 0)
        args = QStringList{QStringLiteral("-u"), kOwner, QStringLiteral("--")} + args;
    QProcess p2;
    p2.setWorkingDirectory(QStringLiteral("/"));
    p2.setStandardOutputFile(QProcess::nullDevice()); // the server inherits it: a pipe would never close
    p2.setStandardErrorFile(QProcess::nullDevice());
    p2.start(::geteuid() == 0 ? QStringLiteral("runuser") : args.takeFirst(), args);
    if (!p2.waitForFinished(-1) || p2.exitCode() != 0)
        return Error::make(ErrorCode::QueryFailed,
                           QStringLiteral("restarting the server in %1 failed").arg(p.dataDirectory),
                           QStringLiteral("restart it yourself (pg_ctlcluster or systemctl) and run pgbackrest check"));
    done << QStringLiteral("restarted the server (archive_mode=on takes effect)");
    return {};
}

} // namespace

bool PitrSetupRequest::validStanza(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$"));
    return re.match(name).hasMatch();
}

QJsonObject PitrSetupPlan::toJson() const
{
    return {{QStringLiteral("stanza"), stanza},
            {QStringLiteral("repo"), repoDir},
            {QStringLiteral("config_file"), configFile},
            {QStringLiteral("data_directory"), dataDirectory},
            {QStringLiteral("archive_command"), archiveCommand},
            {QStringLiteral("config_lines"), QJsonArray::fromStringList(configLines)},
            {QStringLiteral("settings"), QJsonArray::fromStringList(settings)},
            {QStringLiteral("commands"), QJsonArray::fromStringList(commands)},
            {QStringLiteral("restart_needed"), restartNeeded},
            {QStringLiteral("local"), local},
            {QStringLiteral("done"), QJsonArray::fromStringList(done)},
            {QStringLiteral("pending"), QJsonArray::fromStringList(pending)}};
}

Expected<PitrSetupPlan> PitrSetup::plan(const Target &target, const PitrSetupRequest &request)
{
    if (!target.isPostgres())
        return Error::make(ErrorCode::Usage, QStringLiteral("pitr-setup sets up a PostgreSQL server"),
                           QStringLiteral("pass --db with the server's URI or profile"));
    if (!PitrSetupRequest::validStanza(request.stanza))
        return Error::make(ErrorCode::Usage, QStringLiteral("\"%1\" is not a usable stanza name").arg(request.stanza),
                           QStringLiteral("use letters, digits, '_', '-' or '.', e.g. --stanza main"));
    if (!QDir::isAbsolutePath(request.repoDir) || !QDir::isAbsolutePath(request.configFile))
        return Error::make(ErrorCode::Usage, QStringLiteral("--repo and --config need absolute paths"),
                           QStringLiteral("e.g. --repo /var/lib/pgbackrest"));
    auto server = PitrLocator::server(target);
    if (!server)
        return server.error();
    PitrSetupPlan p;
    p.stanza = request.stanza;
    p.repoDir = request.repoDir;
    p.configFile = request.configFile;
    p.dataDirectory = server->dataDirectory;
    p.local = localHost(target) && QFileInfo(p.dataDirectory + QStringLiteral("/PG_VERSION")).isFile();
    const PgBackRestEngine engine(request.configFile);
    p.archiveCommand = QStringLiteral("pgbackrest --config=%1 --stanza=%2 archive-push %p").arg(p.configFile, p.stanza);
    p.configLines = configLines(p, server.value());
    p.restartNeeded = server->archiveMode == QLatin1String("off");
    // ALTER SYSTEM takes no bound values: the literal is quoted here, SQL's way.
    QString literal = p.archiveCommand;
    literal.replace(QLatin1Char('\''), QStringLiteral("''"));
    p.settings << SqlText::fill(
        SqlText::plain(QStringLiteral("postgresql"), QStringLiteral("pitr"), QStringLiteral("set_archive_command")),
        {{QStringLiteral("command"), QLatin1Char('\'') + literal + QLatin1Char('\'')}});
    if (p.restartNeeded)
        p.settings << SqlText::plain(QStringLiteral("postgresql"), QStringLiteral("pitr"),
                                     QStringLiteral("set_archive_mode"));
    for (const char *cmd : {"stanza-create", "check"})
        p.commands
            << engine.commandLine({QStringLiteral("--stanza=") + p.stanza, QLatin1String(cmd)}).join(QLatin1Char(' '));
    return p;
}

namespace {
Expected<PitrSetupPlan> applyPlan(const Target &target, const PitrSetupRequest &request);
}

// Every change to a server's archiving is in the audit trail, whatever became of it.
Expected<PitrSetupPlan> PitrSetup::apply(const Target &target, const PitrSetupRequest &request)
{
    if (Error e = IncidentMode::refuse(QStringLiteral("pitr-setup")))
        return e;
    auto result = applyPlan(target, request);
    AuditRecord record;
    record.target = target.display();
    record.action = QStringLiteral("pitr-setup");
    record.parameters = QStringLiteral("stanza=%1 repo=%2 config=%3 restart=%4")
                            .arg(request.stanza, request.repoDir, request.configFile,
                                 request.restart ? QStringLiteral("yes") : QStringLiteral("no"));
    record.outcome = result ? QStringLiteral("ok") : QStringLiteral("failed");
    record.detail = result ? result->done.join(QStringLiteral("; ")) : result.error().oneLine();
    AuditLog().append(record);
    return result;
}

namespace {
Expected<PitrSetupPlan> applyPlan(const Target &target, const PitrSetupRequest &request)
{
    auto p = PitrSetup::plan(target, request);
    if (!p)
        return p;
    if (!p->local)
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("%1 is not a server on this machine (its data directory %2 is not here)")
                               .arg(target.display(), p->dataDirectory),
                           QStringLiteral("run pitr-setup --yes on the server's own machine, or apply the printed "
                                          "plan there"));
    const PgBackRestEngine engine(request.configFile);
    for (Error (*step)(const PitrSetupPlan &, QStringList &) : {&writeConfig, &makeRepo})
        if (Error e = step(p.value(), p->done))
            return e;
    if (Error e = alterSystem(target, p.value(), p->done))
        return e;
    if (Error e = engine.stanzaCreate(p->stanza))
        return e;
    p->done << p->commands.value(0);
    if (p->restartNeeded && !request.restart) {
        p->pending << QStringLiteral("restart the server: archive_mode=on takes effect only then (dbops did not "
                                     "restart it; pass --restart to let it)")
                   << p->commands.value(1);
        return p;
    }
    if (p->restartNeeded)
        if (Error e = restart(p.value(), p->done))
            return e;
    if (Error e = engine.check(p->stanza))
        return e;
    p->done << p->commands.value(1);
    return p;
}

} // namespace

} // namespace dbops
