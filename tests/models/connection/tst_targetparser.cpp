#include "connection/targetparser.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dbops;

class TestTargetParser : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_oldCwd;
    QString file(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void parsesSqlitePaths_data();
    void parsesSqlitePaths();
    void directoryBecomesDataDir();
    void relativePathResolvesAgainstWorkingDirectory();
    void bareWordNamingExistingFileIsAPath();

    void parsesPostgresUris_data();
    void parsesPostgresUris();
    void displayOmitsPassword_data();
    void displayOmitsPassword();
    void specParsesBack_data();
    void specParsesBack();
    void serviceOnlyDisplaysAsService();

    void parsesConninfo_data();
    void parsesConninfo();

    void rejectsMalformedInput_data();
    void rejectsMalformedInput();
    void errorsHideUriPasswords_data();
    void errorsHideUriPasswords();
    void bareWordIsProfileName_data();
    void bareWordIsProfileName();
    void looksLikeProfileName_data();
    void looksLikeProfileName();
};

void TestTargetParser::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("data")));
    for (const char *name : {"trading.db", "prod"}) {
        QFile f(file(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    m_oldCwd = QDir::currentPath();
}

void TestTargetParser::cleanupTestCase() { QDir::setCurrent(m_oldCwd); }

void TestTargetParser::parsesSqlitePaths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    const QString dir = m_dir.path();
    QTest::newRow("absolute file") << file(QStringLiteral("trading.db")) << dir + QStringLiteral("/trading.db");
    QTest::newRow("absent file") << dir + QStringLiteral("/absent.db") << dir + QStringLiteral("/absent.db");
    QTest::newRow("surrounding spaces") << QStringLiteral("  ") + dir + QStringLiteral("/trading.db ")
                                        << dir + QStringLiteral("/trading.db");
    QTest::newRow("sqlite:///abs") << QStringLiteral("sqlite://") + dir + QStringLiteral("/trading.db")
                                   << dir + QStringLiteral("/trading.db");
    QTest::newRow("sqlite:////abs") << QStringLiteral("sqlite:///") + dir + QStringLiteral("/trading.db")
                                    << dir + QStringLiteral("/trading.db");
    QTest::newRow("sqlite URL options dropped")
        << QStringLiteral("sqlite://") + dir + QStringLiteral("/trading.db?mode=ro")
        << dir + QStringLiteral("/trading.db");
    QTest::newRow("sqlite URL percent-encoded")
        << QStringLiteral("sqlite://") + dir + QStringLiteral("/my%20bot.db") << dir + QStringLiteral("/my bot.db");
    QTest::newRow("SQLITE scheme") << QStringLiteral("SQLITE://") + dir + QStringLiteral("/trading.db")
                                   << dir + QStringLiteral("/trading.db");
    QTest::newRow("~/ expands") << QStringLiteral("~/bots/trading.db")
                                << QDir::homePath() + QStringLiteral("/bots/trading.db");
}

void TestTargetParser::parsesSqlitePaths()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    const auto target = TargetParser::parse(text);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    QCOMPARE(target->kind, Target::Kind::SqliteFile);
    QCOMPARE(target->path, path);
    QCOMPARE(target->engine(), QStringLiteral("sqlite"));
    QCOMPARE(target->display(), path);
    QCOMPARE(target->toSpec(), path);
}

void TestTargetParser::directoryBecomesDataDir()
{
    const auto target = TargetParser::parse(file(QStringLiteral("data")));
    QVERIFY(target.ok());
    QCOMPARE(target->kind, Target::Kind::DataDir);
    QCOMPARE(target->path, m_dir.path() + QStringLiteral("/data"));
    QCOMPARE(target->databaseName(), QStringLiteral("data"));
    QCOMPARE(target->engine(), QStringLiteral("sqlite"));
}

void TestTargetParser::relativePathResolvesAgainstWorkingDirectory()
{
    QVERIFY(QDir::setCurrent(m_dir.path()));
    const auto file = TargetParser::parse(QStringLiteral("./trading.db"));
    const auto dir = TargetParser::parse(QStringLiteral("data"));
    QDir::setCurrent(m_oldCwd);
    QVERIFY(file.ok());
    QCOMPARE(file->path, QDir(m_dir.path()).canonicalPath() + QStringLiteral("/trading.db"));
    QVERIFY(dir.ok());
    QCOMPARE(dir->kind, Target::Kind::DataDir);
}

void TestTargetParser::bareWordNamingExistingFileIsAPath()
{
    QVERIFY(QDir::setCurrent(m_dir.path()));
    const auto target = TargetParser::parse(QStringLiteral("prod"));
    QDir::setCurrent(m_oldCwd);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    QCOMPARE(target->kind, Target::Kind::SqliteFile);
    QCOMPARE(target->databaseName(), QStringLiteral("prod"));
}

void TestTargetParser::parsesPostgresUris_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("dbname");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("display");

    QTest::newRow("full") << QStringLiteral("postgresql://bot:s3cret@db.example.com:6543/trading?sslmode=require")
                          << "bot"
                          << "s3cret"
                          << "db.example.com" << 6543 << "trading"
                          << "require"
                          << ""
                          << "postgresql://bot@db.example.com:6543/trading?sslmode=require";
    QTest::newRow("postgres scheme") << QStringLiteral("postgres://bot@localhost/trading") << "bot"
                                     << ""
                                     << "localhost" << 0 << "trading"
                                     << ""
                                     << ""
                                     << "postgresql://bot@localhost/trading";
    QTest::newRow("upper-case scheme") << QStringLiteral("POSTGRESQL://h/db") << ""
                                       << ""
                                       << "h" << 0 << "db"
                                       << ""
                                       << ""
                                       << "postgresql://h/db";
    QTest::newRow("no host") << QStringLiteral("postgresql:///trading") << ""
                             << ""
                             << "" << 0 << "trading"
                             << ""
                             << ""
                             << "postgresql:///trading";
    QTest::newRow("percent-encoded") << QStringLiteral("postgresql://b%40t:p%40ss%3Aw%2F@h/my%20db") << "b@t"
                                     << "p@ss:w/"
                                     << "h" << 0 << "my db"
                                     << ""
                                     << ""
                                     << "postgresql://b%40t@h/my%20db";
    QTest::newRow("service query") << QStringLiteral("postgresql:///trading?service=bots") << ""
                                   << ""
                                   << "" << 0 << "trading"
                                   << ""
                                   << "bots"
                                   << "postgresql:///trading?service=bots";
    QTest::newRow("ipv6") << QStringLiteral("postgresql://[::1]:5433/db") << ""
                          << ""
                          << "::1" << 5433 << "db"
                          << ""
                          << ""
                          << "postgresql://[::1]:5433/db";
    QTest::newRow("socket dir in query") << QStringLiteral("postgresql:///db?host=/var/run/postgresql") << ""
                                         << ""
                                         << "/var/run/postgresql" << 0 << "db"
                                         << ""
                                         << ""
                                         << "postgresql:///db?host=%2Fvar%2Frun%2Fpostgresql";
    QTest::newRow("query keys") << QStringLiteral("postgresql://h/db?user=ro&sslmode=verify-full&application_name=x")
                                << "ro"
                                << ""
                                << "h" << 0 << "db"
                                << "verify-full"
                                << ""
                                << "postgresql://ro@h/db?sslmode=verify-full";
    QTest::newRow("no database") << QStringLiteral("postgresql://bot@h:5432") << "bot"
                                 << ""
                                 << "h" << 5432 << ""
                                 << ""
                                 << ""
                                 << "postgresql://bot@h:5432";
}

void TestTargetParser::parsesPostgresUris()
{
    QFETCH(QString, text);
    const auto target = TargetParser::parse(text);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    QCOMPARE(target->kind, Target::Kind::Postgres);
    QCOMPARE(target->engine(), QStringLiteral("postgresql"));
    QTEST(target->pg.user, "user");
    QTEST(target->pg.password, "password");
    QTEST(target->pg.host, "host");
    QTEST(target->pg.port, "port");
    QTEST(target->pg.dbname, "dbname");
    QTEST(target->pg.sslmode, "sslmode");
    QTEST(target->pg.service, "service");
    QTEST(target->display(), "display");
    QTEST(target->toSpec(), "display");
}

void TestTargetParser::displayOmitsPassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("password");
    QTest::newRow("uri") << QStringLiteral("postgresql://bot:hunter2@h/db") << QStringLiteral("hunter2");
    QTest::newRow("uri, no host") << QStringLiteral("postgresql://bot:hunter2@/db") << QStringLiteral("hunter2");
    QTest::newRow("uri query") << QStringLiteral("postgresql://h/db?password=hunter2") << QStringLiteral("hunter2");
    QTest::newRow("conninfo") << QStringLiteral("host=h dbname=db password=hunter2") << QStringLiteral("hunter2");
    QTest::newRow("conninfo quoted") << QStringLiteral("host=h password='hun ter2'") << QStringLiteral("hun ter2");
}

void TestTargetParser::displayOmitsPassword()
{
    QFETCH(QString, text);
    QFETCH(QString, password);
    const auto target = TargetParser::parse(text);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    QCOMPARE(target->pg.password, password); // kept in memory for the connect
    QVERIFY2(!target->display().contains(password), qPrintable(target->display()));
    QVERIFY2(!target->toSpec().contains(password), qPrintable(target->toSpec()));
    QVERIFY(!target->display().contains(QLatin1String("***")));
}

void TestTargetParser::specParsesBack_data()
{
    QTest::addColumn<Target>("target");
    const auto pg = [](QString host, int port, QString dbname, QString user, QString sslmode, QString service) {
        PgParams p;
        p.host = host;
        p.port = port;
        p.dbname = dbname;
        p.user = user;
        p.sslmode = sslmode;
        p.service = service;
        return Target::postgres(p);
    };
    QTest::newRow("all fields") << pg("db.example.com", 6543, "trading", "bot", "require", "");
    QTest::newRow("user, no host") << pg("", 0, "trading", "bot", "", "");
    QTest::newRow("host only") << pg("h", 0, "", "", "", "");
    QTest::newRow("service only") << pg("", 0, "", "", "", "bots");
    QTest::newRow("socket dir") << pg("/run/postgresql", 5432, "db", "bot", "", "");
    QTest::newRow("ipv6") << pg("::1", 5433, "db", "", "disable", "");
    QTest::newRow("awkward names") << pg("h", 0, "my db/x?", "b@t:1", "", "svc&x=y");
    QTest::newRow("sqlite file") << Target::sqliteFile(QStringLiteral("/srv/bot/data/trading.db"));
}

void TestTargetParser::specParsesBack()
{
    QFETCH(Target, target);
    const QString spec = target.toSpec();
    const auto parsed = TargetParser::parse(spec);
    QVERIFY2(parsed.ok(), qPrintable(spec + QStringLiteral(": ") + parsed.error().message));
    QCOMPARE(parsed.value(), target);
}

void TestTargetParser::serviceOnlyDisplaysAsService()
{
    PgParams p;
    p.service = QStringLiteral("bots");
    const Target target = Target::postgres(p);
    QCOMPARE(target.display(), QStringLiteral("service=bots"));
    QCOMPARE(target.databaseName(), QStringLiteral("bots"));
}

void TestTargetParser::parsesConninfo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("dbname");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("service");

    QTest::newRow("all keys") << QStringLiteral("host=db.example.com port=6543 dbname=trading user=bot sslmode=require")
                              << "db.example.com" << 6543 << "trading"
                              << "bot"
                              << "require"
                              << "";
    QTest::newRow("service") << QStringLiteral("service=bots") << "" << 0 << ""
                             << ""
                             << ""
                             << "bots";
    QTest::newRow("spaces around =") << QStringLiteral("host = h  dbname = d") << "h" << 0 << "d"
                                     << ""
                                     << ""
                                     << "";
    QTest::newRow("quoted values") << QStringLiteral(R"(host='my host' dbname='it\'s' user='a\\b')") << "my host" << 0
                                   << "it's"
                                   << "a\\b"
                                   << ""
                                   << "";
    QTest::newRow("hostaddr") << QStringLiteral("hostaddr=10.0.0.5 port=5432") << "10.0.0.5" << 5432 << ""
                              << ""
                              << ""
                              << "";
    QTest::newRow("unknown key ignored") << QStringLiteral("host=h connect_timeout=5") << "h" << 0 << ""
                                         << ""
                                         << ""
                                         << "";
}

void TestTargetParser::parsesConninfo()
{
    QFETCH(QString, text);
    const auto target = TargetParser::parse(text);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    QCOMPARE(target->kind, Target::Kind::Postgres);
    QTEST(target->pg.host, "host");
    QTEST(target->pg.port, "port");
    QTEST(target->pg.dbname, "dbname");
    QTEST(target->pg.user, "user");
    QTEST(target->pg.sslmode, "sslmode");
    QTEST(target->pg.service, "service");
}

void TestTargetParser::rejectsMalformedInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    const auto msg = [](const char *target, const char *why) {
        return QStringLiteral("cannot read target \"%1\": %2").arg(QString::fromUtf8(target), QString::fromUtf8(why));
    };
    QTest::newRow("port out of range") << QStringLiteral("postgresql://h:99999/db")
                                       << msg("postgresql://h:99999/db",
                                              "malformed URI (Invalid port or port number out of range)");
    QTest::newRow("port not a number") << QStringLiteral("postgresql://h:abc/db")
                                       << msg("postgresql://h:abc/db",
                                              "malformed URI (Invalid port or port number out of range)");
    QTest::newRow("query port zero") << QStringLiteral("postgresql://h/db?port=0")
                                     << msg("postgresql://…", "bad value for port");
    QTest::newRow("unknown sslmode") << QStringLiteral("postgresql://h/db?sslmode=sometimes")
                                     << msg("postgresql://…", "unknown sslmode \"sometimes\"");
    QTest::newRow("slash in dbname") << QStringLiteral("postgresql://h/a/b")
                                     << msg("postgresql://…/a/b", "the database name has a '/'");
    QTest::newRow("unknown scheme") << QStringLiteral("mysql://u@h/db")
                                    << msg("mysql://***@h/db", "unknown scheme \"mysql\"");
    QTest::newRow("relative sqlite URL") << QStringLiteral("sqlite://trading.db")
                                         << msg("sqlite://trading.db",
                                                "sqlite:// needs an absolute path (sqlite:///path/to/file.db)");
    QTest::newRow("conninfo bad port") << QStringLiteral("host=h port=x") << msg("conninfo", "bad value for port");
    QTest::newRow("conninfo unknown sslmode")
        << QStringLiteral("host=h sslmode=bogus") << msg("conninfo", "unknown sslmode \"bogus\"");
    QTest::newRow("conninfo stray word") << QStringLiteral("host=h stray") << msg("conninfo", "unexpected \"stray\"");
    QTest::newRow("empty") << QStringLiteral("   ") << msg("", "it is empty");
}

void TestTargetParser::rejectsMalformedInput()
{
    QFETCH(QString, text);
    const auto target = TargetParser::parse(text);
    QVERIFY(!target.ok());
    QCOMPARE(target.error().code, ErrorCode::Usage);
    QTEST(target.error().message, "message");
    QVERIFY(!target.error().hint.isEmpty());
}

void TestTargetParser::errorsHideUriPasswords_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("bad port") << QStringLiteral("postgresql://bot:topsecret@h:99999/db");
    QTest::newRow("slash in password") << QStringLiteral("postgresql://bot:top/secret@h:99999/db");
    QTest::newRow("unknown scheme") << QStringLiteral("mysql://bot:topsecret@h/db");
    QTest::newRow("unknown scheme, @ in password") << QStringLiteral("mysql://bot:top@secret@h/db");
    QTest::newRow("bad sslmode") << QStringLiteral("postgresql://bot:topsecret@h/db?sslmode=x");
    QTest::newRow("conninfo bad port") << QStringLiteral("password=topsecret port=x");
}

void TestTargetParser::errorsHideUriPasswords()
{
    QFETCH(QString, text);
    const auto target = TargetParser::parse(text);
    QVERIFY(!target.ok());
    const Error &e = target.error();
    for (const QString &part : {e.message, e.hint, e.detail}) {
        QVERIFY2(!part.contains(QLatin1String("secret")), qPrintable(part));
        QVERIFY2(!part.contains(QLatin1String("top")), qPrintable(part));
    }
}

void TestTargetParser::bareWordIsProfileName_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("word") << QStringLiteral("production");
    QTest::newRow("dashes and digits") << QStringLiteral("bot-2_live");
}

void TestTargetParser::bareWordIsProfileName()
{
    QFETCH(QString, text);
    const auto target = TargetParser::parse(text);
    QVERIFY(!target.ok());
    QCOMPARE(target.error().code, ErrorCode::Usage);
    QCOMPARE(target.error().message, QStringLiteral("no saved profile named \"%1\"").arg(text));
}

void TestTargetParser::looksLikeProfileName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("word") << QStringLiteral("prod") << true;
    QTest::newRow("dash underscore digits") << QStringLiteral("bot-2_live") << true;
    QTest::newRow("file name") << QStringLiteral("trading.db") << false;
    QTest::newRow("path") << QStringLiteral("data/trading") << false;
    QTest::newRow("space") << QStringLiteral("my bot") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("conninfo") << QStringLiteral("service=x") << false;
}

void TestTargetParser::looksLikeProfileName()
{
    QFETCH(QString, text);
    QTEST(TargetParser::looksLikeProfileName(text), "expected");
}

QTEST_GUILESS_MAIN(TestTargetParser)
#include "tst_targetparser.moc"
