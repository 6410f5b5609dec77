#include "connection/envdetector.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dbops;

namespace {

QProcessEnvironment envOf(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &a : assignments)
        env.insert(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
    return env;
}

// "setting|value|source" lines, in order: compared whole, so a missing, extra or reordered origin fails.
QStringList originLines(const DetectedTarget &detected)
{
    QStringList lines;
    for (const SettingOrigin &o : detected.origins)
        lines << o.setting + QLatin1Char('|') + o.value + QLatin1Char('|') + o.source;
    return lines;
}

QString sourceOf(const DetectedTarget &detected, const QString &setting)
{
    for (const SettingOrigin &o : detected.origins)
        if (o.setting == setting)
            return o.source;
    return QStringLiteral("<none>");
}

} // namespace

class TestEnvDetector : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString base() const { return m_dir.path(); }
    QString writeSettings(const QString &name, const QByteArray &json) const;
    Expected<DetectedTarget> detect(const QStringList &env, const QString &settings = {}) const
    {
        return EnvDetector::detect(envOf(env), base(), settings);
    }

private Q_SLOTS:
    void initTestCase();

    // step 1: DATABASE_TYPE / DB_TYPE
    void typeVariableSelectsEngine_data();
    void typeVariableSelectsEngine();
    void unknownTypeValueIsUsageError_data();
    void unknownTypeValueIsUsageError();
    void databaseTypeWinsOverDbType();
    void agreeingTypeVariablesGiveNoWarning();
    void emptyVariablesCountAsUnset();

    // step 2: DATABASE_URL
    void databaseUrlSelectsEngine_data();
    void databaseUrlSelectsEngine();
    void databaseUrlWithUnknownSchemeIsUsageError();
    void malformedDatabaseUrlIsUsageError();
    void typeVariableIgnoresUrlOfOtherEngine_data();
    void typeVariableIgnoresUrlOfOtherEngine();
    void postgresUrlRecordsEveryOrigin();
    void urlGapsAreFilledFromPgVariables();

    // PG* variables
    void pgVariablesFillPostgresTarget();
    void pgServiceLeavesRestToServiceFile();
    void postgresWithNothingConfiguredWarns();
    void badPgVariableIsUsageError_data();
    void badPgVariableIsUsageError();

    // step 3: settings.json
    void settingsJsonKeys_data();
    void settingsJsonKeys();
    void settingsJsonRelativeToBaseDir();
    void environmentBeatsSettingsJson();
    void settingsDbPathComesBeforeDbPathVariable();
    void unusableSettingsJsonIsUsageError_data();
    void unusableSettingsJsonIsUsageError();

    // step 4: SQLite path
    void defaultIsDataTradingDb();
    void dbPathResolves_data();
    void dbPathResolves();
    void dbPathDirectoryIsDataDir();

    void originsAndWarningsNeverHoldPasswords_data();
    void originsAndWarningsNeverHoldPasswords();
};

QString TestEnvDetector::writeSettings(const QString &name, const QByteArray &json) const
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(json) != json.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    return f.fileName();
}

void TestEnvDetector::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(base()).mkpath(QStringLiteral("data/trading")));
}

void TestEnvDetector::typeVariableSelectsEngine_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("engine");
    QTest::newRow("DB_TYPE=sqlite") << "DB_TYPE"
                                    << "sqlite"
                                    << "sqlite";
    QTest::newRow("DB_TYPE=SQLite") << "DB_TYPE"
                                    << "SQLite"
                                    << "sqlite";
    QTest::newRow("DB_TYPE=postgres") << "DB_TYPE"
                                      << "postgres"
                                      << "postgresql";
    QTest::newRow("DB_TYPE=PostgreSQL") << "DB_TYPE"
                                        << "PostgreSQL"
                                        << "postgresql";
    QTest::newRow("DB_TYPE padded") << "DB_TYPE"
                                    << " postgres\n"
                                    << "postgresql";
    QTest::newRow("DATABASE_TYPE=postgresql") << "DATABASE_TYPE"
                                              << "postgresql"
                                              << "postgresql";
    QTest::newRow("DATABASE_TYPE=SQLITE") << "DATABASE_TYPE"
                                          << "SQLITE"
                                          << "sqlite";
}

void TestEnvDetector::typeVariableSelectsEngine()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, engine);
    const auto detected = detect({variable + QLatin1Char('=') + value, QStringLiteral("PGHOST=h")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.engine(), engine);
    QCOMPARE(detected->origins.value(0).setting, QStringLiteral("engine"));
    QCOMPARE(detected->origins.value(0).value, engine);
    QCOMPARE(detected->origins.value(0).source, variable);
}

void TestEnvDetector::unknownTypeValueIsUsageError_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("message");
    QTest::newRow("DB_TYPE=mysql") << QStringList{"DB_TYPE=mysql"}
                                   << "DB_TYPE=mysql is not a database type dbops knows";
    QTest::newRow("DATABASE_TYPE=duckdb") << QStringList{"DATABASE_TYPE=duckdb", "DB_TYPE=sqlite"}
                                          << "DATABASE_TYPE=duckdb is not a database type dbops knows";
    QTest::newRow("DB_TYPE=pg") << QStringList{"DB_TYPE=pg"} << "DB_TYPE=pg is not a database type dbops knows";
}

void TestEnvDetector::unknownTypeValueIsUsageError()
{
    QFETCH(QStringList, env);
    const auto detected = detect(env);
    QVERIFY(!detected.ok());
    QCOMPARE(detected.error().code, ErrorCode::Usage);
    QTEST(detected.error().message, "message");
    QVERIFY(detected.error().hint.contains(QLatin1String("sqlite, postgres or postgresql")));
}

void TestEnvDetector::databaseTypeWinsOverDbType()
{
    const auto detected = detect({QStringLiteral("DATABASE_TYPE=sqlite"), QStringLiteral("DB_TYPE=postgres")});
    QVERIFY(detected.ok());
    QCOMPARE(detected->target.kind, Target::Kind::SqliteFile);
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("engine")), QStringLiteral("DATABASE_TYPE"));
    QCOMPARE(detected->warnings, QStringList{QStringLiteral("DATABASE_TYPE=sqlite overrides DB_TYPE=postgres")});
}

void TestEnvDetector::agreeingTypeVariablesGiveNoWarning()
{
    const auto detected = detect(
        {QStringLiteral("DATABASE_TYPE=postgresql"), QStringLiteral("DB_TYPE=postgres"), QStringLiteral("PGHOST=h")});
    QVERIFY(detected.ok());
    QCOMPARE(detected->target.pg.host, QStringLiteral("h"));
    QCOMPARE(detected->warnings, QStringList());
}

void TestEnvDetector::emptyVariablesCountAsUnset()
{
    const auto detected = detect({QStringLiteral("DATABASE_TYPE="), QStringLiteral("DB_TYPE="),
                                  QStringLiteral("DATABASE_URL="), QStringLiteral("DB_PATH=")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target, Target::sqliteFile(base() + QStringLiteral("/data/trading.db")));
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("engine")), QStringLiteral("default"));
}

void TestEnvDetector::databaseUrlSelectsEngine_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("display");
    QTest::newRow("postgresql://") << QStringLiteral("postgresql://bot@db:5432/trading")
                                   << QStringLiteral("postgresql://bot@db:5432/trading");
    QTest::newRow("postgres://") << QStringLiteral("postgres://bot@db/trading")
                                 << QStringLiteral("postgresql://bot@db/trading");
    QTest::newRow("sqlite:///") << QStringLiteral("sqlite:///srv/bot/trading.db")
                                << QStringLiteral("/srv/bot/trading.db");
}

void TestEnvDetector::databaseUrlSelectsEngine()
{
    QFETCH(QString, url);
    QFETCH(QString, display);
    const auto detected = detect({QStringLiteral("DATABASE_URL=") + url});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.display(), display);
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("engine")), QStringLiteral("DATABASE_URL"));
    QCOMPARE(detected->warnings, QStringList());
}

void TestEnvDetector::databaseUrlWithUnknownSchemeIsUsageError()
{
    const auto detected = detect({QStringLiteral("DATABASE_URL=mysql://bot:hunter2@h/db")});
    QVERIFY(!detected.ok());
    QCOMPARE(detected.error().code, ErrorCode::Usage);
    QCOMPARE(detected.error().message,
             QStringLiteral("DATABASE_URL has scheme \"mysql\", not postgresql:// or sqlite:///"));
}

void TestEnvDetector::malformedDatabaseUrlIsUsageError()
{
    const auto detected = detect({QStringLiteral("DATABASE_URL=postgresql://bot:hunter2@h/db?sslmode=maybe")});
    QVERIFY(!detected.ok());
    QCOMPARE(detected.error().code, ErrorCode::Usage);
    QCOMPARE(detected.error().message,
             QStringLiteral("DATABASE_URL: cannot read target \"postgresql://…\": unknown sslmode \"maybe\""));
}

void TestEnvDetector::typeVariableIgnoresUrlOfOtherEngine_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("warning");
    QTest::newRow("DB_TYPE=sqlite, postgres URL")
        << QStringList{"DB_TYPE=sqlite", "DATABASE_URL=postgresql://bot:pw@h/db"}
        << base() + QStringLiteral("/data/trading.db")
        << "DB_TYPE selects sqlite but DATABASE_URL is not a sqlite URL: ignoring DATABASE_URL";
    QTest::newRow("DB_TYPE=postgres, sqlite URL")
        << QStringList{"DB_TYPE=postgres", "DATABASE_URL=sqlite:///srv/x.db", "PGHOST=pg.local"}
        << "postgresql://pg.local"
        << "DB_TYPE selects postgresql but DATABASE_URL is not a postgresql URL: ignoring DATABASE_URL";
    QTest::newRow("DATABASE_TYPE=postgres, malformed sqlite URL")
        << QStringList{"DATABASE_TYPE=postgres", "DATABASE_URL=sqlite://relative.db", "PGHOST=pg.local"}
        << "postgresql://pg.local"
        << "DATABASE_TYPE selects postgresql but DATABASE_URL is not a postgresql URL: ignoring DATABASE_URL";
}

void TestEnvDetector::typeVariableIgnoresUrlOfOtherEngine()
{
    QFETCH(QStringList, env);
    QFETCH(QString, warning);
    const auto detected = detect(env);
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QTEST(detected->target.display(), "display");
    QCOMPARE(detected->warnings, QStringList{warning});
}

void TestEnvDetector::postgresUrlRecordsEveryOrigin()
{
    const auto detected = detect({QStringLiteral("DB_TYPE=postgres"),
                                  QStringLiteral("DATABASE_URL=postgresql://bot:hunter2@db.example.com:6543/trading"
                                                 "?sslmode=require"),
                                  QStringLiteral("PGHOST=ignored"), QStringLiteral("PGPASSWORD=other")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.pg.password, QStringLiteral("hunter2"));
    QCOMPARE(detected->target.pg.host, QStringLiteral("db.example.com"));
    QCOMPARE(originLines(detected.value()),
             (QStringList{"engine|postgresql|DB_TYPE",
                          "url|postgresql://bot@db.example.com:6543/trading?sslmode=require|DATABASE_URL",
                          "host|db.example.com|DATABASE_URL", "port|6543|DATABASE_URL", "dbname|trading|DATABASE_URL",
                          "user|bot|DATABASE_URL", "sslmode|require|DATABASE_URL", "password|***|DATABASE_URL"}));
}

void TestEnvDetector::urlGapsAreFilledFromPgVariables()
{
    const auto detected =
        detect({QStringLiteral("DATABASE_URL=postgresql://db.example.com/trading"), QStringLiteral("PGPORT=6543"),
                QStringLiteral("PGUSER=bot"), QStringLiteral("PGHOST=ignored")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.display(), QStringLiteral("postgresql://bot@db.example.com:6543/trading"));
    QCOMPARE(
        originLines(detected.value()),
        (QStringList{"engine|postgresql|DATABASE_URL", "url|postgresql://bot@db.example.com:6543/trading|DATABASE_URL",
                     "host|db.example.com|DATABASE_URL", "port|6543|PGPORT", "dbname|trading|DATABASE_URL",
                     "user|bot|PGUSER", "sslmode||libpq default"}));
}

void TestEnvDetector::pgVariablesFillPostgresTarget()
{
    const auto detected =
        detect({QStringLiteral("DB_TYPE=postgres"), QStringLiteral("PGHOST=db.internal"), QStringLiteral("PGPORT=5433"),
                QStringLiteral("PGDATABASE=trading"), QStringLiteral("PGUSER=bot"),
                QStringLiteral("PGSSLMODE=verify-full"), QStringLiteral("PGPASSWORD=hunter2")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    PgParams expected;
    expected.host = QStringLiteral("db.internal");
    expected.port = 5433;
    expected.dbname = QStringLiteral("trading");
    expected.user = QStringLiteral("bot");
    expected.sslmode = QStringLiteral("verify-full");
    expected.password = QStringLiteral("hunter2");
    QCOMPARE(detected->target, Target::postgres(expected));
    QCOMPARE(originLines(detected.value()),
             (QStringList{"engine|postgresql|DB_TYPE", "host|db.internal|PGHOST", "port|5433|PGPORT",
                          "dbname|trading|PGDATABASE", "user|bot|PGUSER", "sslmode|verify-full|PGSSLMODE",
                          "password|***|PGPASSWORD"}));
    QCOMPARE(detected->warnings, QStringList());
}

void TestEnvDetector::pgServiceLeavesRestToServiceFile()
{
    const auto detected = detect({QStringLiteral("DB_TYPE=postgres"), QStringLiteral("PGSERVICE=bots"),
                                  QStringLiteral("PGHOST=not-used"), QStringLiteral("PGDATABASE=not-used")});
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.pg.service, QStringLiteral("bots"));
    QCOMPARE(detected->target.pg.host, QString());
    QCOMPARE(detected->target.pg.dbname, QString());
    const QString fallback = QStringLiteral("pg_service.conf [bots], else libpq default");
    QCOMPARE(originLines(detected.value()),
             (QStringList{"engine|postgresql|DB_TYPE", "host||" + fallback, "port||" + fallback, "dbname||" + fallback,
                          "user||" + fallback, "sslmode||" + fallback, "service|bots|PGSERVICE"}));
}

void TestEnvDetector::postgresWithNothingConfiguredWarns()
{
    const auto detected = detect({QStringLiteral("DB_TYPE=postgres")});
    QVERIFY(detected.ok());
    QCOMPARE(detected->target, Target::postgres(PgParams()));
    QCOMPARE(originLines(detected.value()),
             (QStringList{"engine|postgresql|DB_TYPE", "host||libpq default", "port||libpq default",
                          "dbname||libpq default", "user||libpq default", "sslmode||libpq default"}));
    QCOMPARE(detected->warnings,
             QStringList{QStringLiteral("DB_TYPE selects postgresql but neither DATABASE_URL "
                                        "nor PG* variables are set: connecting with libpq defaults")});
}

void TestEnvDetector::badPgVariableIsUsageError_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("message");
    QTest::newRow("PGPORT=abc") << QStringList{"DB_TYPE=postgres", "PGPORT=abc"} << "PGPORT=abc is not a port number";
    QTest::newRow("PGPORT=70000") << QStringList{"DB_TYPE=postgres", "PGPORT=70000"}
                                  << "PGPORT=70000 is not a port number";
    QTest::newRow("PGSSLMODE=sometimes") << QStringList{"DB_TYPE=postgres", "PGSSLMODE=sometimes"}
                                         << "PGSSLMODE gives sslmode \"sometimes\", which libpq does not know";
}

void TestEnvDetector::badPgVariableIsUsageError()
{
    QFETCH(QStringList, env);
    const auto detected = detect(env);
    QVERIFY(!detected.ok());
    QCOMPARE(detected.error().code, ErrorCode::Usage);
    QTEST(detected.error().message, "message");
}

void TestEnvDetector::settingsJsonKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("engineKey");  // settings.json key the engine came from ("" = default)
    QTest::addColumn<QString>("setting");    // an origin to check…
    QTest::addColumn<QString>("settingKey"); // …and the settings.json key it came from

    QTest::newRow("flat database_type + database_url")
        << QByteArray(R"({"database_type": "postgresql", "database_url": "postgresql://bot@h/trading"})")
        << "postgresql://bot@h/trading"
        << "database_type"
        << "url"
        << "database_url";
    QTest::newRow("flat db_type + db_path")
        << QByteArray(R"({"db_type": "sqlite", "db_path": "store/bot.db"})") << base() + "/store/bot.db"
        << "db_type"
        << "path"
        << "db_path";
    QTest::newRow("flat database_url alone picks engine")
        << QByteArray(R"({"database_url": "postgres://h:6000/trading"})") << "postgresql://h:6000/trading"
        << "database_url"
        << "port"
        << "database_url";
    QTest::newRow("flat sqlite database_url")
        << QByteArray(R"({"database_url": "sqlite:///srv/bot/x.db"})") << "/srv/bot/x.db"
        << "database_url"
        << "path"
        << "database_url";
    QTest::newRow("flat db_path alone stays sqlite") << QByteArray(R"({"db_path": "/srv/bot/x.db"})") << "/srv/bot/x.db"
                                                     << ""
                                                     << "path"
                                                     << "db_path";
    QTest::newRow("nested fields")
        << QByteArray(R"({"database": {"type": "postgres", "host": "h", "port": 6543, "name": "trading",
                                       "user": "bot", "sslmode": "require"}})")
        << "postgresql://bot@h:6543/trading?sslmode=require"
        << "database.type"
        << "port"
        << "database.port";
    QTest::newRow("nested port as string")
        << QByteArray(R"({"database": {"type": "postgres", "host": "h", "port": "6543", "dbname": "trading"}})")
        << "postgresql://h:6543/trading"
        << "database.type"
        << "dbname"
        << "database.dbname";
    QTest::newRow("nested url") << QByteArray(R"({"database": {"url": "postgresql://h/trading?sslmode=disable"}})")
                                << "postgresql://h/trading?sslmode=disable"
                                << "database.url"
                                << "sslmode"
                                << "database.url";
    QTest::newRow("nested sqlite path") << QByteArray(R"({"database": {"type": "SQLite", "path": "data/trading"}})")
                                        << base() + "/data/trading"
                                        << "database.type"
                                        << "path"
                                        << "database.path";
    QTest::newRow("flat keys beat nested")
        << QByteArray(R"({"db_type": "sqlite", "db_path": "a.db", "database": {"type": "postgres", "path": "b.db"}})")
        << base() + "/a.db"
        << "db_type"
        << "path"
        << "db_path";
}

void TestEnvDetector::settingsJsonKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, engineKey);
    QFETCH(QString, setting);
    QFETCH(QString, settingKey);
    const QString file = writeSettings(QStringLiteral("settings.json"), json);
    const auto detected = detect({}, file);
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QTEST(detected->target.display(), "display");
    const QString prefix = QStringLiteral("settings.json (%1) ").arg(file);
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("engine")),
             engineKey.isEmpty() ? QStringLiteral("default") : prefix + engineKey);
    QCOMPARE(sourceOf(detected.value(), setting), prefix + settingKey);
    QCOMPARE(detected->warnings, QStringList());
}

void TestEnvDetector::settingsJsonRelativeToBaseDir()
{
    writeSettings(QStringLiteral("relative.json"), R"({"db_path": "x.db"})");
    const auto detected = detect({}, QStringLiteral("relative.json"));
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.path, base() + QStringLiteral("/x.db"));
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("path")),
             QStringLiteral("settings.json (%1/relative.json) db_path").arg(base()));
}

void TestEnvDetector::environmentBeatsSettingsJson()
{
    const QString file =
        writeSettings(QStringLiteral("env-wins.json"), R"({"database_type": "sqlite", "db_path": "from-settings.db"})");
    const auto detected = detect({QStringLiteral("DATABASE_URL=postgresql://h/trading")}, file);
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    QCOMPARE(detected->target.display(), QStringLiteral("postgresql://h/trading"));
    QCOMPARE(sourceOf(detected.value(), QStringLiteral("engine")), QStringLiteral("DATABASE_URL"));
    QCOMPARE(detected->warnings,
             QStringList{QStringLiteral("DATABASE_URL selects postgresql: ignoring settings.json (%1) database_type "
                                        "\"sqlite\"")
                             .arg(file)});
}

void TestEnvDetector::settingsDbPathComesBeforeDbPathVariable()
{
    const QString file = writeSettings(QStringLiteral("path.json"), R"({"db_path": "from-settings.db"})");
    const auto withSettings = detect({QStringLiteral("DB_PATH=from-env.db")}, file);
    QVERIFY(withSettings.ok());
    QCOMPARE(withSettings->target.path, base() + QStringLiteral("/from-settings.db"));
    const auto withoutSettings = detect({QStringLiteral("DB_PATH=from-env.db")});
    QVERIFY(withoutSettings.ok());
    QCOMPARE(withoutSettings->target.path, base() + QStringLiteral("/from-env.db"));
}

void TestEnvDetector::unusableSettingsJsonIsUsageError_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("json"); // null: do not create the file
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("missing") << "missing.json" << QByteArray() << "cannot read settings file %1: ";
    QTest::newRow("not JSON") << "broken.json" << QByteArray("{\"db_type\": ")
                              << "settings file %1 is not valid JSON (";
    QTest::newRow("array") << "array.json" << QByteArray("[1, 2]") << "settings file %1 does not hold a JSON object";
    QTest::newRow("db_path not a string")
        << "list.json" << QByteArray(R"({"db_path": ["a.db"]})") << "settings.json (%1) db_path must be a string";
    QTest::newRow("unknown type") << "type.json" << QByteArray(R"({"database": {"type": "oracle"}})")
                                  << "settings.json (%1) database.type is \"oracle\", not a database type dbops knows";
    QTest::newRow("bad port") << "port.json" << QByteArray(R"({"database": {"type": "postgres", "port": "x"}})")
                              << "settings.json (%1) database.port is \"x\", not a port number";
    QTest::newRow("unknown url scheme") << "scheme.json" << QByteArray(R"({"database_url": "redis://h"})")
                                        << "settings.json (%1) database_url is not a postgresql:// or sqlite:/// URL";
}

void TestEnvDetector::unusableSettingsJsonIsUsageError()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, json);
    QFETCH(QString, messageStart);
    const QString file = json.isNull() ? m_dir.filePath(name) : writeSettings(name, json);
    const auto detected = detect({}, file);
    QVERIFY(!detected.ok());
    QCOMPARE(detected.error().code, ErrorCode::Usage);
    const QString expected = messageStart.arg(file);
    QVERIFY2(detected.error().message.startsWith(expected), qPrintable(detected.error().message));
}

void TestEnvDetector::defaultIsDataTradingDb()
{
    const auto detected = detect({});
    QVERIFY(detected.ok());
    const QString path = base() + QStringLiteral("/data/trading.db");
    QCOMPARE(detected->target, Target::sqliteFile(path));
    QCOMPARE(originLines(detected.value()), (QStringList{"engine|sqlite|default", "path|" + path + "|default"}));
    QCOMPARE(detected->warnings, QStringList());
}

void TestEnvDetector::dbPathResolves_data()
{
    QTest::addColumn<QString>("dbPath");
    QTest::addColumn<QString>("path");
    QTest::newRow("relative") << "store/bot.db" << base() + "/store/bot.db";
    QTest::newRow("dot-relative") << "./data/../bot.db" << base() + "/bot.db";
    QTest::newRow("absolute") << "/srv/bot/trading.db"
                              << "/srv/bot/trading.db";
    QTest::newRow("home") << "~/bot/trading.db" << QDir::homePath() + "/bot/trading.db";
}

void TestEnvDetector::dbPathResolves()
{
    QFETCH(QString, dbPath);
    QFETCH(QString, path);
    const auto detected = detect({QStringLiteral("DB_TYPE=sqlite"), QStringLiteral("DB_PATH=") + dbPath});
    QVERIFY(detected.ok());
    QCOMPARE(detected->target, Target::sqliteFile(path));
    QCOMPARE(originLines(detected.value()), (QStringList{"engine|sqlite|DB_TYPE", "path|" + path + "|DB_PATH"}));
}

void TestEnvDetector::dbPathDirectoryIsDataDir()
{
    const auto detected = detect({QStringLiteral("DB_PATH=data")});
    QVERIFY(detected.ok());
    QCOMPARE(detected->target, Target::dataDir(base() + QStringLiteral("/data")));
}

void TestEnvDetector::originsAndWarningsNeverHoldPasswords_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("DATABASE_URL") << QStringList{"DATABASE_URL=postgresql://bot:Zq9secret@h/db"} << QByteArray();
    QTest::newRow("PGPASSWORD") << QStringList{"DB_TYPE=postgres", "PGPASSWORD=Zq9secret"} << QByteArray();
    QTest::newRow("ignored URL in warning")
        << QStringList{"DB_TYPE=sqlite", "DATABASE_URL=postgresql://bot:Zq9secret@h/db"} << QByteArray();
    QTest::newRow("settings url") << QStringList{}
                                  << QByteArray(R"({"database_url": "postgresql://bot:Zq9secret@h/db"})");
    QTest::newRow("settings password")
        << QStringList{} << QByteArray(R"({"database": {"type": "postgres", "host": "h", "password": "Zq9secret"}})");
}

void TestEnvDetector::originsAndWarningsNeverHoldPasswords()
{
    QFETCH(QStringList, env);
    QFETCH(QByteArray, json);
    const QString file = json.isNull() ? QString() : writeSettings(QStringLiteral("secret.json"), json);
    const auto detected = detect(env, file);
    QVERIFY2(detected.ok(), qPrintable(detected.error().message));
    for (const QString &line :
         originLines(detected.value()) + detected->warnings + QStringList{detected->target.display()})
        QVERIFY2(!line.contains(QLatin1String("Zq9secret")), qPrintable(line));
    if (detected->target.isPostgres()) {
        QCOMPARE(detected->target.pg.password, QStringLiteral("Zq9secret"));
        QCOMPARE(detected->origins.last().setting, QStringLiteral("password"));
        QCOMPARE(detected->origins.last().value, QStringLiteral("***"));
    }
}

QTEST_GUILESS_MAIN(TestEnvDetector)
#include "tst_envdetector.moc"
