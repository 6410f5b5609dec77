#include "pitr/siderestore.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "dialect/sqltext.h"
#include "pitr/pgbackrestengine.h"
#include "pitr/sidecheck.h"
#include "pitr/sideinstanceregistry.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QThread>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

void audit(const Target &target, const SideRestoreRequest &r, const QString &stanza, const Error &e)
{
    AuditRecord record;
    record.target = target.display();
    record.action = QStringLiteral("restore");
    record.parameters = QStringLiteral("at=%1 side_instance=%2 port=%3 stanza=%4 engine=pgbackrest")
                            .arg(r.moment.toUTC().toString(Qt::ISODateWithMs), r.dataDirectory)
                            .arg(r.port)
                            .arg(stanza);
    record.outcome = !e                               ? QStringLiteral("ok")
                     : e.code == ErrorCode::Cancelled ? QStringLiteral("cancelled")
                                                      : QStringLiteral("failed");
    record.detail = e ? e.oneLine() : QStringLiteral("side instance on 127.0.0.1:%1").arg(r.port);
    AuditLog().append(record);
}

Error checkWindow(const PitrInfo &info, const QDateTime &moment)
{
    if (info.backups.isEmpty())
        return Error::make(ErrorCode::NotFound, QStringLiteral("pgBackRest stanza %1 holds no backup").arg(info.stanza),
                           QStringLiteral("take one: dbops backup --db … --engine pgbackrest"));
    if (SideChecks::inWindow(info, moment)) // the console's dialog judges by the same rule
        return {};
    return Error::make(ErrorCode::Usage,
                       QStringLiteral("%1 is outside the restorable window of stanza %2 (%3 to %4 UTC)")
                           .arg(moment.toUTC().toString(Qt::ISODate), info.stanza,
                                SideChecks::earliest(info).toString(Qt::ISODate),
                                info.restorableTo.toUTC().toString(Qt::ISODate)),
                       QStringLiteral("give a time inside it"));
}

// What the instance says of itself over the address the operator will use: promoted, out of recovery; and the
// newest commit the recovery applied (invalid when it applied none).
Expected<QDateTime> confirmPromoted(const Target &side)
{
    ScopedConnection c(side, SessionOptions::monitor(), QStringLiteral("side"));
    if (!c.ok())
        return c.error();
    QSqlQuery q(c.db());
    // The control file said "in production" a moment before the server stops answering "in recovery".
    for (int tries = 0;; ++tries) {
        if (!q.exec(SqlText::postgresql("side_instance", "in_recovery")) || !q.next())
            return Connector::classify(q.lastError(), side, QStringLiteral("ask the side instance"));
        if (q.value(0).toInt() == 0)
            break;
        if (tries == 50)
            return Error::make(ErrorCode::Internal,
                               QStringLiteral("the side instance %1 is still in recovery").arg(side.display()));
        QThread::msleep(100);
    }
    if (!q.exec(SqlText::postgresql("side_instance", "last_replayed_commit")) || !q.next())
        return Connector::classify(q.lastError(), side, QStringLiteral("ask the side instance"));
    return QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs);
}

} // namespace

Target SideRestoreService::sideTarget(const Target &live, int port)
{
    PgParams p = live.pg;
    p.host = QStringLiteral("127.0.0.1");
    p.port = port;
    p.service.clear();
    p.password = live.pg.password; // in memory only: the side instance has the live server's roles
    return Target::postgres(p);
}

SideRestoreResult SideRestoreService::fromMarker(const SideInstanceMarker &marker, const Target &live)
{
    SideRestoreResult r;
    r.info.stanza = marker.stanza;
    r.info.engine = QStringLiteral("pgbackrest");
    r.restoredTo = marker.restoredTo;
    r.dataDirectory = marker.dataDirectory;
    r.port = marker.port;
    r.source = marker.source;
    r.side = sideTarget(live, marker.port);
    r.logFile = SideInstance(marker.dataDirectory).logFile();
    return r;
}

QList<SideRestoreResult> SideRestoreService::madeFor(const Target &live)
{
    QList<SideRestoreResult> out;
    for (const SideInstanceEntry &e : SideInstanceRegistry::list())
        if (e.marker.source == live.display())
            out << fromMarker(e.marker, live);
    return out;
}

QString SideRestoreResult::uri() const
{
    PgParams p = side.pg;
    p.password.clear();
    return Target::postgres(p).display();
}

QJsonObject SideRestoreResult::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), QStringLiteral("ok")},
                  {QStringLiteral("restored_to"), restoredTo.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("side_instance"), QJsonObject{{QStringLiteral("data_directory"), dataDirectory},
                                                                {QStringLiteral("port"), port},
                                                                {QStringLiteral("uri"), uri()},
                                                                {QStringLiteral("log"), logFile}}},
                  {QStringLiteral("stanza"), info.stanza},
                  {QStringLiteral("engine"), info.engine},
                  {QStringLiteral("duration_ms"), double(durationMs)}};
    o.insert(QStringLiteral("last_commit_at"),
             lastCommit.isValid() ? QJsonValue(lastCommit.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue());
    if (!warning.isEmpty())
        o.insert(QStringLiteral("warning"), warning);
    return o;
}

namespace {
Error startSide(const SideRestoreRequest &request, const SideRestoreResult &result, const Target &live,
                const OpControl &control)
{
    SideInstanceMarker marker;
    marker.port = request.port;
    marker.source = live.display();
    marker.stanza = result.info.stanza;
    marker.restoredTo = request.moment;
    marker.createdAt = QDateTime::currentDateTimeUtc();
    if (Error e = marker.write(request.dataDirectory))
        return e;
    if (Error e = SideInstanceRegistry::add(request.dataDirectory)) // only the listing misses it: not a failure
        spdlog::warn("side instance {} not remembered for --list: {}", request.dataDirectory.toStdString(),
                     e.oneLine().toStdString());
    const SideInstance side(request.dataDirectory);
    if (Error e = side.configure(request.port))
        return e;
    // The port again: a restore takes a while, and another program may have taken it meanwhile.
    if (Error e = SideInstance::checkPortFree(request.port))
        return e;
    if (Error e = side.start())
        return e;
    return side.waitPromoted(request.timeoutS * 1000, control);
}
} // namespace

Expected<SideRestoreResult> SideRestoreService::run(const Target &target, const SideRestoreRequest &request,
                                                    const PitrSource &source, const OpControl &control)
{
    if (!target.isPostgres())
        return Error::make(ErrorCode::Usage, QStringLiteral("--side-instance restores a PostgreSQL server"),
                           QStringLiteral("pass --db with the server's URI or profile"));
    QElapsedTimer timer;
    timer.start();
    if (Error e = SideInstance::checkPortFree(request.port))
        return e;
    auto info = PitrLocator::require(target, source);
    if (!info)
        return info.error();
    if (Error e = checkWindow(info.value(), request.moment))
        return e;
    SideRestoreResult result;
    result.info = info.value();
    result.restoredTo = request.moment.toUTC();
    result.dataDirectory = QFileInfo(request.dataDirectory).absoluteFilePath();
    result.port = request.port;
    result.side = sideTarget(target, request.port);
    result.source = target.display();
    result.logFile = SideInstance(request.dataDirectory).logFile();
    const PgBackRestEngine engine(source.configFile);
    control.report(0, 0, QStringLiteral("pgbackrest restore"));
    Error e = engine.restore(PitrRestoreRequest{result.info.stanza, request.moment, request.dataDirectory}, control);
    if (!e)
        e = startSide(request, result, target, control);
    if (!e) {
        auto promoted = confirmPromoted(result.side);
        if (promoted)
            result.lastCommit = promoted.value();
        else if (promoted.error().code == ErrorCode::Internal)
            e = promoted.error();
        else
            result.warning =
                QStringLiteral("promotion not confirmed over %1: %2").arg(result.uri(), promoted.error().oneLine());
    }
    audit(target, request, result.info.stanza, e);
    if (e)
        return e;
    result.durationMs = timer.elapsed();
    return result;
}

} // namespace dbops
