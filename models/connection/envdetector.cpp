#include "connection/envdetector.h"

#include "connection/targetparser.h"
#include "core/redact.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <QMap>

#include <initializer_list>
#include <utility>

namespace dbops {

namespace {

enum class Engine { Unknown, Sqlite, Postgres };

QString engineName(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

Engine engineOfUrl(const QString &url)
{
    if (url.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
        url.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive))
        return Engine::Postgres;
    if (url.startsWith(QLatin1String("sqlite://"), Qt::CaseInsensitive))
        return Engine::Sqlite;
    return Engine::Unknown;
}

Engine engineOfWord(const QString &word)
{
    const QString w = word.trimmed().toLower();
    if (w == QLatin1String("sqlite"))
        return Engine::Sqlite;
    if (w == QLatin1String("postgres") || w == QLatin1String("postgresql"))
        return Engine::Postgres;
    return Engine::Unknown;
}

bool isSslMode(const QString &mode)
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes.contains(mode);
}

Error usage(const QString &message, const QString &hint) { return Error::make(ErrorCode::Usage, message, hint); }

// A raw setting and where it came from; `value` may hold a secret until it is put in an origin.
struct Found {
    QString value;
    QString source;
    bool isSet() const { return !value.isEmpty(); }
};

// One detection run: the bot's environment, its settings.json, and what has been decided so far.
class Detection {
public:
    Detection(const QProcessEnvironment &env, const QString &baseDir) : m_env(env), m_baseDir(baseDir) {}

    Error loadSettings(const QString &file);
    Error decideEngine();
    Error resolve()
    {
        addOrigin(QStringLiteral("engine"), engineName(m_engine), m_engineSource);
        return m_engine == Engine::Postgres ? resolvePostgres() : resolveSqlite();
    }
    Expected<SettingOrigin> migrations() const;
    DetectedTarget result;

private:
    Found env(const char *name) const;
    Expected<Found> setting(std::initializer_list<const char *> keys) const;
    Error engineFromTypeVariable(bool *decided);
    Error engineFromUrlVariable(bool *decided);
    Error engineFromSettings(bool *decided);
    Error warnIfSettingsTypeDiffers();
    Error resolveSqlite();
    Error resolvePostgres();
    Error pgFromSettingsFields(PgParams &pg, QMap<QString, QString> &sources);
    Error fillFromPgVariables(PgParams &pg, QMap<QString, QString> &sources);
    void warnIfOtherEngine(const Found &url);
    void addOrigin(const QString &setting, const QString &value, const QString &source)
    {
        result.origins.append({setting, Redact::text(value), source});
    }
    Target sqliteAt(const QString &raw) const;

    QProcessEnvironment m_env;
    QString m_baseDir;
    QString m_settingsFile;
    QJsonObject m_settings;
    Engine m_engine = Engine::Unknown;
    QString m_engineSource;
};

Found Detection::env(const char *name) const
{
    // An empty variable counts as unset: docker-compose and systemd often pass NAME= for "not configured".
    return {m_env.value(QString::fromLatin1(name)).trimmed(), QString::fromLatin1(name)};
}

Error Detection::loadSettings(const QString &file)
{
    if (file.isEmpty())
        return {};
    m_settingsFile = QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(file));
    QFile f(m_settingsFile);
    if (!f.open(QIODevice::ReadOnly))
        return usage(QStringLiteral("cannot read settings file %1: %2").arg(m_settingsFile, f.errorString()),
                     QStringLiteral("point at the bot's settings.json, or leave it out"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return usage(QStringLiteral("settings file %1 is not valid JSON (%2 at offset %3)")
                         .arg(m_settingsFile, parseError.errorString())
                         .arg(parseError.offset),
                     QStringLiteral("fix the file or leave it out"));
    if (!doc.isObject())
        return usage(QStringLiteral("settings file %1 does not hold a JSON object").arg(m_settingsFile),
                     QStringLiteral("fix the file or leave it out"));
    m_settings = doc.object();
    return {};
}

// The first of `keys` set in settings.json; "database.url" names the nested object's key.
Expected<Found> Detection::setting(std::initializer_list<const char *> keys) const
{
    for (const char *k : keys) {
        const QString key = QString::fromLatin1(k);
        const QString nested = key.section(QLatin1Char('.'), 1);
        const QJsonValue value = nested.isEmpty()
                                     ? m_settings.value(key)
                                     : m_settings.value(QStringLiteral("database")).toObject().value(nested);
        const QString source = QStringLiteral("settings.json (%1) %2").arg(m_settingsFile, key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (value.isDouble())
            return Found{QString::number(value.toDouble(), 'f', 0), source};
        if (!value.isString())
            return Error(
                usage(QStringLiteral("%1 must be a string").arg(source), QStringLiteral("fix the settings file")));
        if (!value.toString().trimmed().isEmpty())
            return Found{value.toString().trimmed(), source};
    }
    return Found{};
}

Error Detection::engineFromTypeVariable(bool *decided)
{
    const Found primary = env("DATABASE_TYPE");
    const Found secondary = env("DB_TYPE");
    const Found &used = primary.isSet() ? primary : secondary;
    if (!used.isSet())
        return {};
    m_engine = engineOfWord(used.value);
    if (m_engine == Engine::Unknown)
        return usage(QStringLiteral("%1=%2 is not a database type dbops knows").arg(used.source, used.value),
                     QStringLiteral("set %1 to sqlite, postgres or postgresql").arg(used.source));
    if (primary.isSet() && secondary.isSet() && engineOfWord(secondary.value) != m_engine)
        result.warnings << QStringLiteral("DATABASE_TYPE=%1 overrides DB_TYPE=%2").arg(primary.value, secondary.value);
    m_engineSource = used.source;
    *decided = true;
    return {};
}

Error Detection::engineFromSettings(bool *decided)
{
    const auto type = setting({"database_type", "db_type", "database.type"});
    if (!type)
        return type.error();
    if (type->isSet()) {
        m_engine = engineOfWord(type->value);
        if (m_engine == Engine::Unknown)
            return usage(QStringLiteral("%1 is \"%2\", not a database type dbops knows").arg(type->source, type->value),
                         QStringLiteral("use sqlite, postgres or postgresql"));
        m_engineSource = type->source;
        *decided = true;
        return {};
    }
    const auto url = setting({"database_url", "database.url"});
    if (!url)
        return url.error();
    if (!url->isSet())
        return {};
    m_engine = engineOfUrl(url->value);
    if (m_engine == Engine::Unknown)
        return usage(QStringLiteral("%1 is not a postgresql:// or sqlite:/// URL").arg(url->source),
                     QStringLiteral("fix the settings file"));
    m_engineSource = url->source;
    *decided = true;
    return {};
}

Error Detection::engineFromUrlVariable(bool *decided)
{
    const Found url = env("DATABASE_URL");
    if (!url.isSet())
        return {};
    m_engine = engineOfUrl(url.value);
    if (m_engine == Engine::Unknown)
        return usage(QStringLiteral("DATABASE_URL has scheme \"%1\", not postgresql:// or sqlite:///")
                         .arg(url.value.section(QLatin1Char(':'), 0, 0)),
                     QStringLiteral("set DB_TYPE, or point dbops at the store directly"));
    m_engineSource = url.source;
    *decided = true;
    return {};
}

Error Detection::decideEngine()
{
    bool decided = false;
    if (Error e = engineFromTypeVariable(&decided); e || decided)
        return e ? e : warnIfSettingsTypeDiffers();
    if (Error e = engineFromUrlVariable(&decided); e || decided)
        return e ? e : warnIfSettingsTypeDiffers();
    if (Error e = engineFromSettings(&decided); e || decided)
        return e;
    m_engine = Engine::Sqlite;
    m_engineSource = QStringLiteral("default");
    return {};
}

Error Detection::warnIfSettingsTypeDiffers()
{
    const auto type = setting({"database_type", "db_type", "database.type"});
    if (!type)
        return type.error();
    if (type->isSet() && engineOfWord(type->value) != m_engine)
        result.warnings << QStringLiteral("%1 selects %2: ignoring %3 \"%4\"")
                               .arg(m_engineSource, engineName(m_engine), type->source, type->value);
    return {};
}

// A URL of the engine not chosen is what the bot ignores too; say so rather than follow it.
void Detection::warnIfOtherEngine(const Found &url)
{
    if (!url.isSet() || engineOfUrl(url.value) == m_engine)
        return;
    result.warnings << QStringLiteral("%1 selects %2 but %3 is not a %2 URL: ignoring %3")
                           .arg(m_engineSource, engineName(m_engine), url.source);
}

QString absoluteFrom(const QString &baseDir, const QString &raw)
{
    QString path = raw;
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

Target Detection::sqliteAt(const QString &raw) const
{
    const QString path = absoluteFrom(m_baseDir, raw);
    return QFileInfo(path).isDir() ? Target::dataDir(path) : Target::sqliteFile(path);
}

Expected<SettingOrigin> Detection::migrations() const
{
    Found found = env("MIGRATIONS_DIR");
    if (!found.isSet()) {
        auto fromSettings = setting({"migrations_dir", "migrations_path", "database.migrations_dir"});
        if (!fromSettings)
            return fromSettings.error();
        found = fromSettings.value();
    }
    if (!found.isSet())
        return SettingOrigin{};
    return SettingOrigin{QStringLiteral("migrations"), absoluteFrom(m_baseDir, found.value), found.source};
}

Error Detection::resolveSqlite()
{
    const Found envUrl = env("DATABASE_URL");
    const auto settingsUrl = setting({"database_url", "database.url"});
    const auto settingsPath = setting({"db_path", "database.path"});
    if (!settingsUrl)
        return settingsUrl.error();
    if (!settingsPath)
        return settingsPath.error();
    warnIfOtherEngine(envUrl);
    warnIfOtherEngine(*settingsUrl);
    for (const Found &url : {envUrl, *settingsUrl}) {
        if (!url.isSet() || engineOfUrl(url.value) != Engine::Sqlite)
            continue;
        const auto parsed = TargetParser::parse(url.value);
        if (!parsed)
            return usage(QStringLiteral("%1: %2").arg(url.source, parsed.error().message), parsed.error().hint);
        result.target = parsed.value();
        addOrigin(QStringLiteral("path"), result.target.path, url.source);
        return {};
    }
    // Documented order: settings.json (step 3) before DB_PATH (step 4).
    Found path = *settingsPath;
    if (!path.isSet())
        path = env("DB_PATH");
    if (!path.isSet())
        path = {QStringLiteral("data/trading.db"), QStringLiteral("default")};
    result.target = sqliteAt(path.value);
    addOrigin(QStringLiteral("path"), result.target.path, path.source);
    return {};
}

Error Detection::pgFromSettingsFields(PgParams &pg, QMap<QString, QString> &sources)
{
    struct Field {
        const char *key;
        const char *setting;
        QString *target;
    };
    QString port;
    const Field fields[] = {
        {"database.host", "host", &pg.host},          {"database.port", "port", &port},
        {"database.name", "dbname", &pg.dbname},      {"database.dbname", "dbname", &pg.dbname},
        {"database.user", "user", &pg.user},          {"database.sslmode", "sslmode", &pg.sslmode},
        {"database.service", "service", &pg.service}, {"database.password", "password", &pg.password}};
    for (const Field &field : fields) {
        const auto found = setting({field.key});
        if (!found)
            return found.error();
        if (!found->isSet() || !field.target->isEmpty())
            continue;
        *field.target = found->value;
        sources.insert(QString::fromLatin1(field.setting), found->source);
    }
    if (!port.isEmpty()) {
        bool ok = false;
        pg.port = port.toInt(&ok);
        if (!ok || pg.port <= 0 || pg.port > 65535)
            return usage(
                QStringLiteral("%1 is \"%2\", not a port number").arg(sources.value(QStringLiteral("port")), port),
                QStringLiteral("fix the settings file"));
    }
    return {};
}

// libpq fills what the bot's connection string leaves out from PG* variables, unless a service is named:
// then pg_service.conf comes first. The bot's environment is not the console's, so fill them in explicitly.
Error Detection::fillFromPgVariables(PgParams &pg, QMap<QString, QString> &sources)
{
    const auto take = [&](const char *variable, const char *setting, QString &field) {
        const Found found = env(variable);
        if (!field.isEmpty() || !found.isSet())
            return;
        field = found.value;
        sources.insert(QString::fromLatin1(setting), found.source);
    };
    take("PGSERVICE", "service", pg.service);
    take("PGPASSWORD", "password", pg.password);
    if (!pg.service.isEmpty())
        return {};
    take("PGHOST", "host", pg.host);
    take("PGDATABASE", "dbname", pg.dbname);
    take("PGUSER", "user", pg.user);
    take("PGSSLMODE", "sslmode", pg.sslmode);
    const Found port = env("PGPORT");
    if (pg.port == 0 && port.isSet()) {
        bool ok = false;
        pg.port = port.value.toInt(&ok);
        if (!ok || pg.port <= 0 || pg.port > 65535)
            return usage(QStringLiteral("PGPORT=%1 is not a port number").arg(port.value),
                         QStringLiteral("set PGPORT to 1-65535, or unset it"));
        sources.insert(QStringLiteral("port"), port.source);
    }
    return {};
}

Error Detection::resolvePostgres()
{
    const Found envUrl = env("DATABASE_URL");
    const auto settingsUrl = setting({"database_url", "database.url"});
    if (!settingsUrl)
        return settingsUrl.error();
    warnIfOtherEngine(envUrl);
    warnIfOtherEngine(*settingsUrl);
    PgParams pg;
    QMap<QString, QString> sources; // setting -> where it came from
    QString urlSource;
    for (const Found &url : {envUrl, *settingsUrl}) {
        if (!url.isSet() || engineOfUrl(url.value) != Engine::Postgres)
            continue;
        const auto parsed = TargetParser::parse(url.value);
        if (!parsed)
            return usage(QStringLiteral("%1: %2").arg(url.source, parsed.error().message), parsed.error().hint);
        pg = parsed->pg;
        urlSource = url.source;
        for (const char *s : {"host", "port", "dbname", "user", "sslmode", "service", "password"})
            sources.insert(QString::fromLatin1(s), url.source);
        break;
    }
    if (urlSource.isEmpty()) {
        if (Error e = pgFromSettingsFields(pg, sources))
            return e;
    }
    if (Error e = fillFromPgVariables(pg, sources))
        return e;
    if (!pg.sslmode.isEmpty() && !isSslMode(pg.sslmode))
        return usage(QStringLiteral("%1 gives sslmode \"%2\", which libpq does not know")
                         .arg(sources.value(QStringLiteral("sslmode")), pg.sslmode),
                     QStringLiteral("use disable, allow, prefer, require, verify-ca or verify-full"));
    if (sources.isEmpty())
        result.warnings << QStringLiteral("%1 selects postgresql but neither DATABASE_URL nor PG* variables are "
                                          "set: connecting with libpq defaults")
                               .arg(m_engineSource);
    result.target = Target::postgres(pg);
    if (!urlSource.isEmpty())
        addOrigin(QStringLiteral("url"), result.target.display(), urlSource);
    const QString fallback = pg.service.isEmpty()
                                 ? QStringLiteral("libpq default")
                                 : QStringLiteral("pg_service.conf [%1], else libpq default").arg(pg.service);
    const QList<std::pair<QString, QString>> values{
        {QStringLiteral("host"), pg.host},
        {QStringLiteral("port"), pg.port > 0 ? QString::number(pg.port) : QString()},
        {QStringLiteral("dbname"), pg.dbname},
        {QStringLiteral("user"), pg.user},
        {QStringLiteral("sslmode"), pg.sslmode}};
    for (const auto &[name, value] : values)
        addOrigin(name, value, value.isEmpty() ? fallback : sources.value(name));
    if (!pg.service.isEmpty())
        addOrigin(QStringLiteral("service"), pg.service, sources.value(QStringLiteral("service")));
    if (!pg.password.isEmpty()) // where it came from, never what it is
        result.origins.append(
            {QStringLiteral("password"), QStringLiteral("***"), sources.value(QStringLiteral("password"))});
    return {};
}

} // namespace

Expected<DetectedTarget> EnvDetector::detect(const QProcessEnvironment &env, const QString &baseDir,
                                             const QString &settingsJson)
{
    Detection detection(env, baseDir);
    if (Error e = detection.loadSettings(settingsJson))
        return e;
    if (Error e = detection.decideEngine())
        return e;
    if (Error e = detection.resolve())
        return e;
    auto migrations = detection.migrations();
    if (!migrations)
        return migrations.error();
    if (!migrations->setting.isEmpty())
        detection.result.origins << migrations.value();
    return detection.result;
}

Expected<SettingOrigin> EnvDetector::migrationsDir(const QProcessEnvironment &env, const QString &baseDir,
                                                   const QString &settingsJson)
{
    Detection detection(env, baseDir);
    if (Error e = detection.loadSettings(settingsJson))
        return e;
    return detection.migrations();
}

} // namespace dbops
