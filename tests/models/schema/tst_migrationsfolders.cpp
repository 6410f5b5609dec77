// The migrations folder is remembered per target: in the saved profile when there is one (where `dbops
// migrations` reads it too), else in the console's settings keyed by the target's display form, never a secret.
#include "connection/profilestore.h"
#include "schema/migrationsfolders.h"

#include <QFile>
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
