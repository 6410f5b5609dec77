#include "connection/profilestore.h"

#include "connection/targetparser.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace dbops;

Q_DECLARE_METATYPE(dbops::Profile)

namespace {

PgParams pgParams(const QString &host, int port, const QString &dbname, const QString &user, const QString &sslmode,
                  const QString &service)
{
    PgParams p;
    p.host = host;
    p.port = port;
    p.dbname = dbname;
    p.user = user;
    p.sslmode = sslmode;
    p.service = service;
    return p;
}

Profile profile(const QString &name, const Target &target)
{
    Profile p;
    p.name = name;
    p.target = target;
    return p;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProfileStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_oldCwd;
    // A store on a file of its own, so tests do not see each other's profiles.
    QString freshFile() { return m_dir.filePath(QStringLiteral("config%1/profiles.ini").arg(++m_case)); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void roundTripsEveryField_data();
    void roundTripsEveryField();
    void passwordIsNeverWritten();
    void fileIsIni();
    void flagsUseTheirIniKeys();
    void replicaFolderUsesItsIniKey();
    void replicaOfFollowsTheTargetsProfile();
    void invalidNameIsRejected_data();
    void invalidNameIsRejected();
    void targetlessProfileIsRejected();
    void saveReplacesEarlierVersion();
    void saveKeepsKeysOtherPartsRead();
    void namesAreSorted();
    void removeDeletesOnlyThatProfile();
    void findUnknownGivesNothing();
    void unwritableFileIsIoError();
    void defaultFileIsUnderConfigDir();

    void resolvePrefersProfile();
    void resolveFallsBackToParser_data();
    void resolveFallsBackToParser();
    void resolveUnknownBareWordIsUsageError();
    void resolveUnknownBareWordWithoutProfiles();
};

void TestProfileStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_oldCwd = QDir::currentPath();
}

void TestProfileStore::cleanupTestCase() { QDir::setCurrent(m_oldCwd); }

void TestProfileStore::roundTripsEveryField_data()
{
    QTest::addColumn<Profile>("saved");

    Profile full = profile(
        QStringLiteral("prod"),
        Target::postgres(pgParams(QStringLiteral("db.example.com"), 6543, QStringLiteral("trading"),
                                  QStringLiteral("bot"), QStringLiteral("verify-full"), QStringLiteral("bots"))));
    full.settingsJson = QStringLiteral("/srv/bot/settings.json");
    full.migrationsDir = QStringLiteral("/srv/bot/migrations, v3");
    full.poolMaxima = {{QStringLiteral("trading_bot"), 100},
                       {QStringLiteral("scanner"), 20},
                       {QStringLiteral("odd=name, with spaces"), 5}};
    full.retentionPolicies = {QStringLiteral("market_data:timestamp:7d:archived_market_data"),
                              QStringLiteral("indication_states:updated_at:48h")};
    full.readOnly = true;
    full.keychain = true;
    QTest::newRow("postgres, every field") << full;

    Profile replicated = profile(QStringLiteral("bot"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    replicated.replicaDir = QStringLiteral("/srv/replicas/bot, \"live\"");
    QTest::newRow("sqlite file with its replica folder") << replicated;

    QTest::newRow("postgres, socket dir, defaults") << profile(
        QStringLiteral("local"), Target::postgres(pgParams(QStringLiteral("/run/postgresql"), 0, {}, {}, {}, {})));

    Profile file = profile(QStringLiteral("bot-2_live"),
                           Target::sqliteFile(QStringLiteral("/srv/bots/Zürich, \"test\" [1]/trading.db")));
    file.retentionPolicies = {QStringLiteral("trades:ts:30d")}; // one entry: QSettings stores it as a plain string
    QTest::newRow("sqlite file, awkward path") << file;

    Profile dir = profile(QStringLiteral("General"), Target::dataDir(QStringLiteral("/srv/bot/data")));
    dir.poolMaxima = {{QStringLiteral("trading_bot"), 1}};
    dir.readOnly = true;                            // one of the two flags alone
    QTest::newRow("data dir, name General") << dir; // QSettings' special section name

    QTest::newRow("64-character name") << profile(QString(64, QLatin1Char('x')),
                                                  Target::sqliteFile(QStringLiteral("/a.db")));
}

void TestProfileStore::roundTripsEveryField()
{
    QFETCH(Profile, saved);
    const QString file = freshFile();
    QCOMPARE(ProfileStore(file).save(saved).code, ErrorCode::None);

    const ProfileStore reread(file); // a new instance: everything comes from the file
    QCOMPARE(reread.names(), QStringList{saved.name});
    const auto loaded = reread.find(saved.name);
    QVERIFY(loaded.has_value());
    Target expected = saved.target;
    expected.profileName = saved.name;
    QCOMPARE(loaded->name, saved.name);
    QCOMPARE(loaded->target, expected);
    QCOMPARE(loaded->settingsJson, saved.settingsJson);
    QCOMPARE(loaded->migrationsDir, saved.migrationsDir);
    QCOMPARE(loaded->poolMaxima, saved.poolMaxima);
    QCOMPARE(loaded->retentionPolicies, saved.retentionPolicies);
    QCOMPARE(loaded->readOnly, saved.readOnly);
    QCOMPARE(loaded->keychain, saved.keychain);
    QCOMPARE(loaded->replicaDir, saved.replicaDir);
}

void TestProfileStore::passwordIsNeverWritten()
{
    const QString file = freshFile();
    const auto parsed = TargetParser::parse(QStringLiteral("postgresql://bot:Zq9-pw-4711@db.example.com/trading"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->pg.password, QStringLiteral("Zq9-pw-4711"));
    ProfileStore store(file);
    QCOMPARE(store.save(profile(QStringLiteral("prod"), parsed.value())).code, ErrorCode::None);

    const QByteArray bytes = fileBytes(file);
    QVERIFY(bytes.contains("db.example.com")); // the file was written…
    QVERIFY(!bytes.contains("Zq9-pw-4711"));   // …without the password
    QVERIFY(!bytes.toLower().contains("password"));
    const auto loaded = store.find(QStringLiteral("prod"));
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->target.pg.password, QString());
}

void TestProfileStore::fileIsIni()
{
    const QString file = freshFile();
    QCOMPARE(
        ProfileStore(file)
            .save(profile(QStringLiteral("prod"),
                          Target::postgres(pgParams(QStringLiteral("h"), 5432, QStringLiteral("trading"), {}, {}, {}))))
            .code,
        ErrorCode::None);
    const QStringList lines = QString::fromUtf8(fileBytes(file)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines, (QStringList{"[prod]", "dbname=trading", "host=h", "kind=postgres", "port=5432",
                                 "spec=postgresql://h:5432/trading"}));
}

// Incident mode and the secret-service choice are read by other parts (and by people) under these keys.
void TestProfileStore::flagsUseTheirIniKeys()
{
    const QString file = freshFile();
    Profile p = profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    p.readOnly = true;
    p.keychain = true;
    QCOMPARE(ProfileStore(file).save(p).code, ErrorCode::None);
    const QStringList lines = QString::fromUtf8(fileBytes(file)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(QStringLiteral("read_only=true")), qPrintable(lines.join(QLatin1Char('|'))));
    QVERIFY2(lines.contains(QStringLiteral("keychain=true")), qPrintable(lines.join(QLatin1Char('|'))));
}

// README documents `replica=` for people who edit profiles.ini by hand, and the CLI reads it under that key.
void TestProfileStore::replicaFolderUsesItsIniKey()
{
    const QString file = freshFile();
    Profile p = profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    p.replicaDir = QStringLiteral("/srv/replicas");
    QCOMPARE(ProfileStore(file).save(p).code, ErrorCode::None);
    const QStringList lines = QString::fromUtf8(fileBytes(file)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(QStringLiteral("replica=/srv/replicas")), qPrintable(lines.join(QLatin1Char('|'))));
}

// A target resolved from a profile gets its replica folder; the same file given as a path gets none.
void TestProfileStore::replicaOfFollowsTheTargetsProfile()
{
    const QString file = freshFile();
    Profile p = profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    p.replicaDir = QStringLiteral("/srv/replicas");
    ProfileStore store(file);
    QCOMPARE(store.save(p).code, ErrorCode::None);
    const auto viaProfile = store.resolve(QStringLiteral("prod"));
    QVERIFY(viaProfile.ok());
    QCOMPARE(store.replicaOf(viaProfile.value()), QStringLiteral("/srv/replicas"));
    QCOMPARE(store.replicaOf(Target::sqliteFile(QStringLiteral("/srv/bot/trading.db"))), QString());
}

void TestProfileStore::invalidNameIsRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("slash") << QStringLiteral("bots/prod");
    QTest::newRow("space") << QStringLiteral("my bot");
    QTest::newRow("dot") << QStringLiteral("trading.db");
    QTest::newRow("newline") << QStringLiteral("prod\n[evil]");
    QTest::newRow("non-ASCII") << QStringLiteral("zürich");
    QTest::newRow("65 characters") << QString(65, QLatin1Char('x'));
}

void TestProfileStore::invalidNameIsRejected()
{
    QFETCH(QString, name);
    const QString file = freshFile();
    ProfileStore store(file);
    const Error e = store.save(profile(name, Target::sqliteFile(QStringLiteral("/srv/bot/trading.db"))));
    QCOMPARE(e.code, ErrorCode::Usage);
    QCOMPARE(e.message, QStringLiteral("\"%1\" is not a valid profile name").arg(name));
    QCOMPARE(e.hint, QStringLiteral("use 1-64 letters, digits, '_' or '-'"));
    QVERIFY(!QFile::exists(file));
    QCOMPARE(store.names(), QStringList());
    QVERIFY(!store.find(name).has_value());
}

void TestProfileStore::targetlessProfileIsRejected()
{
    ProfileStore store(freshFile());
    const Error e = store.save(profile(QStringLiteral("empty"), Target()));
    QCOMPARE(e.code, ErrorCode::Usage);
    QCOMPARE(e.message, QStringLiteral("profile \"empty\" has no target"));
    QCOMPARE(store.names(), QStringList());
}

void TestProfileStore::saveReplacesEarlierVersion()
{
    const QString file = freshFile();
    ProfileStore store(file);
    Profile first = profile(QStringLiteral("bot"),
                            Target::postgres(pgParams(QStringLiteral("old-host"), 5432, QStringLiteral("olddb"),
                                                      QStringLiteral("u"), QStringLiteral("require"), {})));
    first.migrationsDir = QStringLiteral("/old/migrations");
    QCOMPARE(store.save(first).code, ErrorCode::None);
    const Profile second = profile(QStringLiteral("bot"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    QCOMPARE(store.save(second).code, ErrorCode::None);

    const auto loaded = store.find(QStringLiteral("bot"));
    QVERIFY(loaded.has_value());
    Target expected = second.target;
    expected.profileName = QStringLiteral("bot");
    QCOMPARE(loaded->target, expected);
    QCOMPARE(loaded->migrationsDir, QString());
    QVERIFY(!fileBytes(file).contains("old"));
}

// Saving a profile from the connect dialog keeps the keys the drill and PITR settings read from the same group.
void TestProfileStore::saveKeepsKeysOtherPartsRead()
{
    const QString file = freshFile();
    ProfileStore store(file);
    QCOMPARE(store.save(profile(QStringLiteral("bot"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")))).code,
             ErrorCode::None);
    {
        QSettings ini(file, QSettings::IniFormat);
        ini.setValue(QStringLiteral("bot/drill_probe"), QStringLiteral("SELECT 1 FROM trades"));
        ini.setValue(QStringLiteral("bot/stanza"), QStringLiteral("main"));
    }
    Profile edited = profile(QStringLiteral("bot"), Target::sqliteFile(QStringLiteral("/srv/bot/trading.db")));
    edited.readOnly = true;
    QCOMPARE(store.save(edited).code, ErrorCode::None);
    QSettings ini(file, QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("bot/drill_probe")).toString(), QStringLiteral("SELECT 1 FROM trades"));
    QCOMPARE(ini.value(QStringLiteral("bot/stanza")).toString(), QStringLiteral("main"));
    QVERIFY(store.find(QStringLiteral("bot"))->readOnly);
}

void TestProfileStore::namesAreSorted()
{
    ProfileStore store(freshFile());
    for (const char *name : {"staging", "Prod", "backtest", "a-1"})
        QCOMPARE(store.save(profile(QLatin1String(name), Target::sqliteFile(QStringLiteral("/x.db")))).code,
                 ErrorCode::None);
    QCOMPARE(store.names(), (QStringList{"Prod", "a-1", "backtest", "staging"}));
}

void TestProfileStore::removeDeletesOnlyThatProfile()
{
    ProfileStore store(freshFile());
    for (const char *name : {"a", "b", "c"})
        QCOMPARE(store.save(profile(QLatin1String(name), Target::sqliteFile(QStringLiteral("/x.db")))).code,
                 ErrorCode::None);
    QVERIFY(store.remove(QStringLiteral("b")));
    QVERIFY(!store.remove(QStringLiteral("b")));
    QVERIFY(!store.remove(QStringLiteral("never-saved")));
    QVERIFY(!store.remove(QStringLiteral("a/b")));
    QCOMPARE(store.names(), (QStringList{"a", "c"}));
    QVERIFY(!store.find(QStringLiteral("b")).has_value());
}

void TestProfileStore::findUnknownGivesNothing()
{
    ProfileStore store(freshFile());
    QCOMPARE(store.save(profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/x.db")))).code,
             ErrorCode::None);
    QVERIFY(!store.find(QStringLiteral("staging")).has_value());
    QVERIFY(!store.find(QStringLiteral("PROD")).has_value()); // names are case-sensitive
    QVERIFY(!store.find(QString()).has_value());
}

void TestProfileStore::unwritableFileIsIoError()
{
    // A directory where the file should be: unwritable even for root.
    const QString file = freshFile();
    QVERIFY(QDir().mkpath(file));
    ProfileStore store(file);
    const Error e = store.save(profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/x.db"))));
    QCOMPARE(e.code, ErrorCode::Io);
    QCOMPARE(e.message, QStringLiteral("cannot write profiles file %1").arg(file));
}

void TestProfileStore::defaultFileIsUnderConfigDir()
{
    const QByteArray old = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("xdg"))));
    const QString file = ProfileStore().file();
    if (old.isNull())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", old);
    QCOMPARE(file, m_dir.filePath(QStringLiteral("xdg/dbops/profiles.ini")));
}

void TestProfileStore::resolvePrefersProfile()
{
    ProfileStore store(freshFile());
    const Target saved = Target::postgres(pgParams(QStringLiteral("h"), 0, QStringLiteral("trading"), {}, {}, {}));
    QCOMPARE(store.save(profile(QStringLiteral("prod"), saved)).code, ErrorCode::None);
    // A file named like the profile in the working directory: the profile still wins.
    QVERIFY(QDir::setCurrent(m_dir.path()));
    QFile f(QStringLiteral("prod"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const auto target = store.resolve(QStringLiteral(" prod "));
    QDir::setCurrent(m_oldCwd);
    QVERIFY2(target.ok(), qPrintable(target.error().message));
    Target expected = saved;
    expected.profileName = QStringLiteral("prod");
    QCOMPARE(target.value(), expected);
}

void TestProfileStore::resolveFallsBackToParser_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("path") << QStringLiteral("/srv/bot/data/trading.db");
    QTest::newRow("sqlite URL") << QStringLiteral("sqlite:///srv/bot/trading.db");
    QTest::newRow("postgres URI") << QStringLiteral("postgresql://bot:pw@h:5432/trading?sslmode=require");
    QTest::newRow("conninfo") << QStringLiteral("host=h dbname=trading");
    QTest::newRow("service") << QStringLiteral("service=bots");
}

void TestProfileStore::resolveFallsBackToParser()
{
    QFETCH(QString, text);
    ProfileStore store(freshFile());
    QCOMPARE(store.save(profile(QStringLiteral("prod"), Target::sqliteFile(QStringLiteral("/x.db")))).code,
             ErrorCode::None);
    const auto resolved = store.resolve(text);
    const auto parsed = TargetParser::parse(text);
    QVERIFY2(resolved.ok(), qPrintable(resolved.error().message));
    QVERIFY(parsed.ok());
    QCOMPARE(resolved.value(), parsed.value());
    QCOMPARE(resolved->profileName, QString());
}

void TestProfileStore::resolveUnknownBareWordIsUsageError()
{
    ProfileStore store(freshFile());
    for (const char *name : {"staging", "prod"})
        QCOMPARE(store.save(profile(QLatin1String(name), Target::sqliteFile(QStringLiteral("/x.db")))).code,
                 ErrorCode::None);
    const auto target = store.resolve(QStringLiteral("production"));
    QVERIFY(!target.ok());
    QCOMPARE(target.error().code, ErrorCode::Usage);
    QCOMPARE(target.error().message, QStringLiteral("no saved profile named \"production\""));
    QCOMPARE(target.error().hint, QStringLiteral("saved profiles: prod, staging; or give a path or URI"));
}

void TestProfileStore::resolveUnknownBareWordWithoutProfiles()
{
    const QString file = freshFile();
    const auto target = ProfileStore(file).resolve(QStringLiteral("prod"));
    QVERIFY(!target.ok());
    QCOMPARE(target.error().code, ErrorCode::Usage);
    QCOMPARE(target.error().message, QStringLiteral("no saved profile named \"prod\""));
    QCOMPARE(target.error().hint, QStringLiteral("no profiles are saved in %1; give a path or URI").arg(file));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
