#include "incident/incidentbundle.h"

#include "audit/auditlog.h"
#include "core/format.h"
#include "incident/incidentarchive.h"
#include "incident/incidentsummary.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>

namespace dbops {

namespace {

Error cancelled() { return Error::make(ErrorCode::Cancelled, QStringLiteral("the incident capture was cancelled")); }

// Every secret the capture could meet, to be replaced wherever it stands.
QStringList knownSecrets(const Target &target)
{
    QStringList secrets{target.pg.password};
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    secrets << env.value(QStringLiteral("PGPASSWORD"));
    return secrets;
}

QList<IncidentSectionOutcome> runSections(IncidentContext &ctx, IncidentFiles &files,
                                          const QList<IncidentSection> &sections, Error *stop)
{
    QList<IncidentSectionOutcome> outcomes;
    for (int i = 0; i < sections.size(); ++i) {
        if (ctx.control.cancelled()) {
            *stop = cancelled();
            break;
        }
        const IncidentSection &s = sections.at(i);
        ctx.control.report(i, sections.size() + 1, s.title);
        QElapsedTimer timer;
        timer.start();
        IncidentSectionOutcome outcome{s.name, s.title, {}, {}, 0};
        auto headline = s.write(ctx, files);
        if (headline)
            outcome.headline = files.scrub(headline.value());
        else
            outcome.error = headline.error();
        outcome.ms = timer.elapsed();
        outcomes << outcome;
        if (outcome.error.code == ErrorCode::Io) { // the staging folder itself failed: the bundle cannot be whole
            *stop = outcome.error;
            break;
        }
    }
    return outcomes;
}

} // namespace

int IncidentResult::failedSections() const
{
    return int(std::count_if(sections.begin(), sections.end(), [](const auto &s) { return bool(s.error); }));
}

QJsonObject IncidentResult::toJson() const
{
    QJsonArray list;
    for (const IncidentSectionOutcome &s : sections) {
        QJsonObject o{{QStringLiteral("name"), s.name},
                      {QStringLiteral("title"), s.title},
                      {QStringLiteral("status"), s.error ? QStringLiteral("error") : QStringLiteral("ok")},
                      {QStringLiteral("headline"), s.headline},
                      {QStringLiteral("ms"), double(s.ms)}};
        if (s.error)
            o.insert(QStringLiteral("error"), s.error.oneLine());
        list.append(o);
    }
    return {{QStringLiteral("status"), failedSections() ? QStringLiteral("partial") : QStringLiteral("ok")},
            {QStringLiteral("path"), path},
            {QStringLiteral("bytes"), double(bytes)},
            {QStringLiteral("folder"), folder},
            {QStringLiteral("files"), QJsonArray::fromStringList(files)},
            {QStringLiteral("seconds"), ms / 1000.0},
            {QStringLiteral("sections"), list}};
}

QString IncidentBundle::baseName(const Target &target, const QDateTime &at)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString name = target.databaseName();
    if (target.kind == Target::Kind::SqliteFile)
        name = QFileInfo(name).completeBaseName();
    name = name.replace(unsafe, QStringLiteral("_")).left(60);
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name.prepend(QStringLiteral("target"));
    return QStringLiteral("dbops-incident-%1-%2")
        .arg(name, at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")));
}

Expected<IncidentResult> IncidentBundle::capture(const IncidentRequest &request, const QList<IncidentSection> &sections,
                                                 const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    if (!QDir().mkpath(request.outDir))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the folder %1").arg(request.outDir),
                           QStringLiteral("choose a folder you can write to (--out DIR)"));
    IncidentContext ctx{request.detected,  QDateTime::currentDateTimeUtc(),
                        request.stateFile, request.backupDir,
                        request.logFile,   {},
                        control,           {}};
    const QString base = baseName(ctx.target(), ctx.at);
    QTemporaryDir staging(QDir(QDir::tempPath()).filePath(QStringLiteral("dbops-incident-XXXXXX")));
    if (!staging.isValid())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create a staging folder in %1").arg(QDir::tempPath()),
                           QStringLiteral("check TMPDIR's space and rights"));
    IncidentFiles files(staging.filePath(base), knownSecrets(ctx.target()));
    Error stop;
    IncidentResult result;
    result.sections = runSections(ctx, files, sections, &stop);
    if (stop)
        return stop;
    const QString archive = base + QStringLiteral(".tar.gz");
    control.report(sections.size(), sections.size() + 1, QStringLiteral("Packing %1").arg(archive));
    if (const Error e =
            files.writeText(QStringLiteral("summary.md"), IncidentSummary::markdown(ctx, result.sections, archive)))
        return e;
    auto sums = IncidentArchive::checksums(files.dir(), files.files());
    if (!sums)
        return sums.error();
    if (const Error e = files.writeBinary(QStringLiteral("SHA256SUMS"), sums.value()))
        return e;
    result.path = QDir(request.outDir).absoluteFilePath(archive);
    if (const Error e = IncidentArchive::pack(staging.path(), base, result.path, control))
        return e;
    result.bytes = QFileInfo(result.path).size();
    result.folder = base;
    result.files = files.files();
    result.ms = timer.elapsed();
    // Who took the evidence, and where it went, belongs to the trail too (after the bundle's own audit tail).
    AuditRecord record;
    record.target = ctx.target().display();
    record.action = QStringLiteral("incident");
    record.parameters = QStringLiteral("out=") + request.outDir;
    record.outcome = QStringLiteral("ok");
    record.detail = QStringLiteral("%1 (%2, %3 section(s) not read)")
                        .arg(result.path, Format::bytes(result.bytes))
                        .arg(result.failedSections());
    AuditLog(request.stateFile).append(record);
    return result;
}

} // namespace dbops
