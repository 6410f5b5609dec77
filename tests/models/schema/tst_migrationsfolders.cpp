// The migrations folder is remembered per target: in the saved profile when there is one (where `dbops
// migrations` reads it too), else in the console's settings keyed by the target's display form, never a secret.
#include "connection/profilestore.h"
#include "schema/migrationsfolders.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

class TestMigrationsFolders : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    QString m_profiles;
    QString m_settings;

    MigrationsFolders memory() const { return MigrationsFolders(m_profiles, m_settings); }
    static QByteArray contents(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        m_profiles = m_tmp.filePath(QStringLiteral("profiles.ini"));
        m_settings = m_tmp.filePath(QStringLiteral("console.ini"));
        QFile::remove(m_profiles);
        QFile::remove(m_settings);
    }

    void savedInTheProfile()
    {
        Profile bot;
        bot.name = QStringLiteral("bot");
        bot.target = Target::sqliteFile(m_tmp.filePath(QStringLiteral("trading.db")));
        bot.retentionPolicies = QStringList{QStringLiteral("market_data:timestamp:7d")};
        QVERIFY(!ProfileStore(m_profiles).save(bot));
        Target t = ProfileStore(m_profiles).find(QStringLiteral("bot"))->target;
        QCOMPARE(memory().folderFor(t), QString());
        QVERIFY(!memory().remember(t, QStringLiteral("/srv/bot/migrations")));
        const auto saved = ProfileStore(m_profiles).find(QStringLiteral("bot"));
        QCOMPARE(saved->migrationsDir, QStringLiteral("/srv/bot/migrations"));
        QCOMPARE(saved->retentionPolicies, bot.retentionPolicies); // the rest of the profile is kept
        QCOMPARE(memory().folderFor(t), QStringLiteral("/srv/bot/migrations"));
        QVERIFY(!QFile::exists(m_settings) || !contents(m_settings).contains("/srv/bot/migrations"));
    }

    void unsavedTargetKeyedByDisplay()
    {
        const Target a = Target::sqliteFile(m_tmp.filePath(QStringLiteral("a.db")));
        const Target b = Target::sqliteFile(m_tmp.filePath(QStringLiteral("b.db")));
        QVERIFY(!memory().remember(a, QStringLiteral("/srv/a/migrations")));
        QCOMPARE(memory().folderFor(a), QStringLiteral("/srv/a/migrations"));
        QCOMPARE(memory().folderFor(b), QString());
        QVERIFY(!QFile::exists(m_profiles));
        QVERIFY(contents(m_settings).contains("/srv/a/migrations"));
    }

    void forgettingClearsIt()
    {
        const Target a = Target::sqliteFile(m_tmp.filePath(QStringLiteral("a.db")));
        QVERIFY(!memory().remember(a, QStringLiteral("/srv/a/migrations")));
        QVERIFY(!memory().remember(a, QString()));
        QCOMPARE(memory().folderFor(a), QString());
    }

    void postgresKeyHoldsNoPassword()
    {
        PgParams pg;
        pg.host = QStringLiteral("db.example");
        pg.dbname = QStringLiteral("bot");
        pg.user = QStringLiteral("ops");
        pg.password = QStringLiteral("s3cret-pw");
        const Target t = Target::postgres(pg);
        QVERIFY(!memory().remember(t, QStringLiteral("/srv/pg/migrations")));
        QCOMPARE(memory().folderFor(t), QStringLiteral("/srv/pg/migrations"));
        const QByteArray text = contents(m_settings);
        QVERIFY(text.contains("db.example"));
        QVERIFY(!text.contains("s3cret-pw"));
    }

    // Where bots keep migration files next to their store: the first candidate that holds the tool's files.
    void foundBesideTheStore_data()
    {
        QTest::addColumn<QString>("store"); // relative to a fresh folder
        QTest::addColumn<QString>("files"); // the folder the migration files are put in
        QTest::addColumn<QString>("found"); // what besideStore answers (empty: nothing)
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("file"); // the migration file put there
        const QString sql = QStringLiteral("001_initial.sql");
        const QString rb = QStringLiteral("20240101120000_create_trades.rb");
        QTest::newRow("migrations beside the store") << "trading/trading.db"
                                                     << "trading/migrations"
                                                     << "trading/migrations"
                                                     << "schema_migrations" << sql;
        QTest::newRow("the bot's folder above data/") << "data/trading.db"
                                                      << "migrations"
                                                      << "migrations"
                                                      << "schema_migrations" << sql;
        QTest::newRow("rails db/migrate") << "db/production.sqlite3"
                                          << "db/migrate"
                                          << "db/migrate"
                                          << "rails" << rb;
        QTest::newRow("a folder of another tool's files is not the one") << "trading/trading.db"
                                                                         << "trading/migrations"
                                                                         << ""
                                                                         << "rails" << sql;
        QTest::newRow("no folder") << "trading/trading.db"
                                   << ""
                                   << ""
                                   << "schema_migrations" << sql;
    }
    void foundBesideTheStore()
    {
        QFETCH(QString, store);
        QFETCH(QString, files);
        QFETCH(QString, found);
        QFETCH(QString, tool);
        QFETCH(QString, file);
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QFileInfo(store).path()));
        if (!files.isEmpty()) {
            QVERIFY(QDir(root.path()).mkpath(files));
            QFile f(root.filePath(files) + QLatin1Char('/') + file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const MigrationsFolder folder = MigrationsFolders::besideStore(root.filePath(store), tool);
        QCOMPARE(folder.path, found.isEmpty() ? QString() : root.filePath(found));
        QCOMPARE(folder.source, found.isEmpty() ? QString() : QStringLiteral("beside_store"));
    }

    // The operator's folder first, then the remembered one, then the bot's settings.
    void chosenInOrder()
    {
        const Target t = Target::sqliteFile(m_tmp.filePath(QStringLiteral("order.db")));
        const SettingOrigin bot{QStringLiteral("migrations"), QStringLiteral("/srv/bot/sql"),
                                QStringLiteral("MIGRATIONS_DIR")};
        QCOMPARE(memory().choose(t, {}).path, QString());
        MigrationsFolder f = memory().choose(t, {}, bot);
        QCOMPARE(f.path, QStringLiteral("/srv/bot/sql"));
        QCOMPARE(f.source, QStringLiteral("bot_settings"));
        QVERIFY2(f.why.contains(QLatin1String("MIGRATIONS_DIR")), qPrintable(f.why));
        QVERIFY(!memory().remember(t, QStringLiteral("/srv/remembered")));
        f = memory().choose(t, {}, bot);
        QCOMPARE(f.path, QStringLiteral("/srv/remembered"));
        QCOMPARE(f.source, QStringLiteral("console_settings"));
        f = memory().choose(t, QStringLiteral("/srv/given"), bot);
        QCOMPARE(f.path, QStringLiteral("/srv/given"));
        QCOMPARE(f.source, QStringLiteral("option"));
    }

    void profileSavedLaterFindsTheFolder()
    {
        const Target plain = Target::sqliteFile(m_tmp.filePath(QStringLiteral("later.db")));
        QVERIFY(!memory().remember(plain, QStringLiteral("/srv/later/migrations")));
        Profile p;
        p.name = QStringLiteral("later");
        p.target = plain;
        QVERIFY(!ProfileStore(m_profiles).save(p));
        const Target fromProfile = ProfileStore(m_profiles).find(QStringLiteral("later"))->target;
        QCOMPARE(memory().folderFor(fromProfile), QStringLiteral("/srv/later/migrations"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationsFolders)
#include "tst_migrationsfolders.moc"
