// The bundle's sections about the console's side: where the target came from, what operators did, what dbops
// logged, and which versions were involved.
#include "audit/auditchain.h"
#include "audit/auditlog.h"
#include "connection/profilestore.h"
#include "connection/sqlitelibrary.h"
#include "core/paths.h"
#include "incident/incidentsections.h"

#include <QFile>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSysInfo>

namespace dbops {

namespace {

constexpr int kAuditTail = 200;
constexpr int kLogTailLines = 400;
constexpr qint64 kLogTailBytes = 256 * 1024;

// The variables that choose a bot's store, as the environment detection reads them; a value whose name says
// it is a secret is never copied, only that it is set.
QJsonObject storeVariables()
{
    static const QRegularExpression wanted(QStringLiteral("^(DATABASE_|DB_|PG)"));
    static const QRegularExpression secret(QStringLiteral("PASS|SECRET|TOKEN|KEY"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QJsonObject out;
    for (const QString &name : env.keys())
        if (wanted.match(name).hasMatch())
            out.insert(name, secret.match(name).hasMatch() ? QStringLiteral("*** (set)") : env.value(name));
    return out;
}

QJsonObject profileJson(const QString &name)
{
    const auto profile = ProfileStore().find(name);
    if (!profile)
        return {};
    QJsonObject maxima;
    for (auto it = profile->poolMaxima.cbegin(); it != profile->poolMaxima.cend(); ++it)
        maxima.insert(it.key(), it.value());
    return {{QStringLiteral("name"), profile->name},
            {QStringLiteral("target"), profile->target.toSpec()},
            {QStringLiteral("settings_json"), profile->settingsJson},
            {QStringLiteral("migrations_dir"), profile->migrationsDir},
            {QStringLiteral("pool_maxima"), maxima},
            {QStringLiteral("retention_policies"), QJsonArray::fromStringList(profile->retentionPolicies)}};
}

QString logTail(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > kLogTailBytes)
        f.seek(f.size() - kLogTailBytes);
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (f.size() > kLogTailBytes && !lines.isEmpty())
        lines.removeFirst(); // cut in the middle
    if (lines.size() > kLogTailLines)
        lines = lines.mid(lines.size() - kLogTailLines);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

IncidentSection IncidentSections::environment()
{
    return IncidentSection::json(
        QStringLiteral("environment"), QStringLiteral("Environment"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            QJsonArray origins;
            for (const SettingOrigin &o : ctx.detected.origins)
                origins.append(QJsonObject{{QStringLiteral("setting"), o.setting},
                                           {QStringLiteral("value"), o.value},
                                           {QStringLiteral("source"), o.source}});
            const Target &t = ctx.target();
            QJsonObject o{{QStringLiteral("target"), t.display()},
                          {QStringLiteral("engine"), t.engine()},
                          {QStringLiteral("password_given"), !t.pg.password.isEmpty()},
                          {QStringLiteral("origins"), origins},
                          {QStringLiteral("warnings"), QJsonArray::fromStringList(ctx.detected.warnings)},
                          {QStringLiteral("variables"), storeVariables()},
                          {QStringLiteral("paths"), QJsonObject{{QStringLiteral("config"), Paths::configDir()},
                                                                {QStringLiteral("state"), Paths::stateDir()},
                                                                {QStringLiteral("data"), Paths::dataDir()}}}};
            if (!t.profileName.isEmpty())
                o.insert(QStringLiteral("profile"), profileJson(t.profileName));
            return IncidentSection::Data{
                o, QStringLiteral("%1 (%2)").arg(t.display(), t.profileName.isEmpty()
                                                                  ? QStringLiteral("no profile")
                                                                  : QStringLiteral("profile ") + t.profileName)};
        });
}

IncidentSection IncidentSections::audit()
{
    return IncidentSection::json(
        QStringLiteral("audit"), QStringLiteral("Audit trail"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            const AuditLog log(ctx.stateFile);
            auto recent = log.recent(kAuditTail);
            if (!recent)
                return recent.error();
            auto chain = log.verify();
            if (!chain)
                return chain.error();
            QJsonArray records;
            for (auto it = recent->crbegin(); it != recent->crend(); ++it)
                records.append(it->toJson());
            return IncidentSection::Data{
                {{QStringLiteral("path"), log.path()},
                 {QStringLiteral("chain"), chain->toJson()},
                 {QStringLiteral("count"), records.size()},
                 {QStringLiteral("records"), records}},
                QStringLiteral("last %1 record(s); chain %2").arg(records.size()).arg(chain->oneLine())};
        });
}

IncidentSection IncidentSections::log()
{
    const auto write = [](IncidentContext &ctx, IncidentFiles &files) -> Expected<QString> {
        const QString path = ctx.logFile.isEmpty() ? Paths::logFile() : ctx.logFile;
        const QString tail = logTail(path);
        const QString text = tail.isEmpty() ? QStringLiteral("(nothing logged at %1)\n").arg(path) : tail;
        if (const Error e = files.writeText(QStringLiteral("log-tail.txt"), text))
            return e;
        return tail.isEmpty()
                   ? QStringLiteral("nothing logged at %1").arg(path)
                   : QStringLiteral("last %1 line(s) of %2").arg(tail.count(QLatin1Char('\n')) + 1).arg(path);
    };
    return {QStringLiteral("log"), QStringLiteral("Log"), write};
}

IncidentSection IncidentSections::versions()
{
    return IncidentSection::json(
        QStringLiteral("versions"), QStringLiteral("Versions"),
        [](IncidentContext &ctx) -> Expected<IncidentSection::Data> {
            const SqliteLibraryCheck &sqlite = SqliteLibraryCheck::result();
            const QString server = ctx.target().isPostgres() ? ctx.serverVersion : QString();
            const QJsonObject o{{QStringLiteral("dbops"), QStringLiteral(DBOPS_VERSION)},
                                {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                                {QStringLiteral("sqlite"), sqlite.linkedVersion},
                                {QStringLiteral("sqlite_qt_plugin"), sqlite.qtVersion},
                                {QStringLiteral("server"), server},
                                {QStringLiteral("os"), QSysInfo::prettyProductName()},
                                {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
                                {QStringLiteral("host"), QSysInfo::machineHostName()}};
            return IncidentSection::Data{
                o, QStringLiteral("dbops %1, Qt %2, SQLite %3%4")
                       .arg(QStringLiteral(DBOPS_VERSION), QString::fromLatin1(qVersion()), sqlite.linkedVersion,
                            server.isEmpty() ? QString() : QStringLiteral(", PostgreSQL ") + server)};
        });
}

} // namespace dbops
