// The connection dialog turns what the operator types into the right Target, and keeps bad input inline;
// "Test connection" says what answered (on a real demo store) or why nothing did; a profile saved from it keeps
// every option.
#include "common/errorbanner.h"
#include "connection/profilestore.h"
#include "demo/demostore.h"
#include "dialogs/connectiondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <optional>

using namespace dbops;

namespace {
QLineEdit *edit(ConnectionDialog &d, const char *name) { return d.findChild<QLineEdit *>(QLatin1String(name)); }
void clickConnect(ConnectionDialog &d)
{
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
}
QCheckBox *box(ConnectionDialog &d, const char *name) { return d.findChild<QCheckBox *>(QLatin1String(name)); }

// A profile with every option the dialog offers set to something other than its default.
Profile everyOption(const QString &db)
{
    Profile p;
    p.name = QStringLiteral("prod-bot");
    p.target = Target::sqliteFile(db);
    p.target.profileName = p.name;
    p.poolMaxima = {{QStringLiteral("trading_bot"), 100}, {QStringLiteral("scanner"), 20}};
    p.migrationsDir = QStringLiteral("/srv/bot/migrations");
    p.replicaDir = QStringLiteral("/backup/replica");
    p.readOnly = true;
    p.keychain = true;
    return p;
}

void compareOptions(const Profile &got, const Profile &want)
{
    QCOMPARE(got.name, want.name);
    QCOMPARE(got.target, want.target);
    QCOMPARE(got.poolMaxima, want.poolMaxima);
    QCOMPARE(got.migrationsDir, want.migrationsDir);
    QCOMPARE(got.readOnly, want.readOnly);
    QCOMPARE(got.keychain, want.keychain);
    QCOMPARE(got.replicaDir, want.replicaDir);
}
} // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void postgresFieldsBuildTarget()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Postgres);
        d.show();
        QSignalSpy chosen(&d, &ConnectionDialog::targetChosen);
        QTest::keyClicks(edit(d, "pgHost"), QStringLiteral("db.internal"));
        QTest::keyClicks(edit(d, "pgPort"), QStringLiteral("6543"));
        QTest::keyClicks(edit(d, "pgDatabase"), QStringLiteral("trading"));
        QTest::keyClicks(edit(d, "pgUser"), QStringLiteral("ops"));
        auto *ssl = d.findChild<QComboBox *>(QStringLiteral("pgSslmode"));
        ssl->setCurrentIndex(ssl->findData(QStringLiteral("require")));
        clickConnect(d);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        PgParams expected;
        expected.host = QStringLiteral("db.internal");
        expected.port = 6543;
        expected.dbname = QStringLiteral("trading");
        expected.user = QStringLiteral("ops");
        expected.sslmode = QStringLiteral("require");
        QCOMPARE(d.chosenTarget(), Target::postgres(expected));
    }

    void postgresUriWinsOverFields()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Postgres);
        d.show();
        QTest::keyClicks(edit(d, "pgHost"), QStringLiteral("ignored"));
        QTest::keyClicks(edit(d, "pgUri"), QStringLiteral("postgresql://bot@pg.example:5433/bots?sslmode=verify-full"));
        clickConnect(d);
        const Target t = d.chosenTarget();
        QVERIFY(t.isPostgres());
        QCOMPARE(t.pg.host, QStringLiteral("pg.example"));
        QCOMPARE(t.pg.port, 5433);
        QCOMPARE(t.pg.dbname, QStringLiteral("bots"));
        QCOMPARE(t.pg.user, QStringLiteral("bot"));
        QCOMPARE(t.pg.sslmode, QStringLiteral("verify-full"));
    }

    void serviceNameBuildsTarget()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Postgres);
        d.show();
        QTest::keyClicks(edit(d, "pgUri"), QStringLiteral("service=tradingbot"));
        clickConnect(d);
        QCOMPARE(d.chosenTarget().pg.service, QStringLiteral("tradingbot"));
    }

    void malformedUriStaysInlineAndOpen()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Postgres);
        d.show();
        QSignalSpy chosen(&d, &ConnectionDialog::targetChosen);
        QTest::keyClicks(edit(d, "pgUri"), QStringLiteral("postgresql://bot@[bad/db"));
        clickConnect(d);
        QCOMPARE(chosen.count(), 0);
        QVERIFY(d.isVisible());
        auto *banner = d.findChild<ErrorBanner *>(QStringLiteral("connectionError"));
        QVERIFY(banner->isVisible());
        QVERIFY(!banner->text().isEmpty());
    }

    void sqlitePathBuildsFileTarget()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/trading.db");
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        QTest::keyClicks(edit(d, "sqlitePath"), path);
        clickConnect(d);
        QCOMPARE(d.chosenTarget(), Target::sqliteFile(path));
        QVERIFY(!QFile::exists(path));
    }

    void sqliteFolderBuildsDataDirTarget()
    {
        QTemporaryDir dir;
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        QTest::keyClicks(edit(d, "sqlitePath"), dir.path());
        clickConnect(d);
        QCOMPARE(d.chosenTarget().kind, Target::Kind::DataDir);
        QCOMPARE(d.chosenTarget().path, dir.path());
    }

    void emptySqlitePathIsRefusedInline()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        clickConnect(d);
        QVERIFY(d.isVisible());
        QVERIFY(d.findChild<ErrorBanner *>(QStringLiteral("connectionError"))->isVisible());
    }
    void testConnectionSaysWhatAnswered_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("demo store") << QStringLiteral("trading/trading.db") << QStringLiteral("✔ SQLite 3.");
        QTest::newRow("missing file") << QStringLiteral("trading/nothing.db") << QStringLiteral("✘ no such file: ");
    }

    void testConnectionSaysWhatAnswered()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        DemoOptions small;
        small.days = 1;
        small.marketDataDays = 1;
        const Error created = DemoStore::create(dir.filePath(QStringLiteral("demo")), small);
        QVERIFY2(!created, qPrintable(created.oneLine()));
        const QString path = dir.filePath(QStringLiteral("demo/") + file);
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        QTest::keyClicks(edit(d, "sqlitePath"), path);
        QSignalSpy tested(&d, &ConnectionDialog::testFinished);
        QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("testConnection")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 15000);
        QVERIFY2(d.testResult().startsWith(expected), qPrintable(d.testResult()));
        QVERIFY2(d.testResult().contains(path), qPrintable(d.testResult()));
        QVERIFY(d.isVisible()); // a test never closes the dialog
        const QString shots = qEnvironmentVariable("DBOPS_SHOTS");
        if (!shots.isEmpty() && QDir().mkpath(shots))
            d.grab().save(
                shots +
                QStringLiteral("/connectiondialog-%1.png")
                    .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
    }

    // Typed into the dialog, saved, read back, shown again: every option survives the round trip.
    void profileKeepsEveryOption()
    {
        QTemporaryDir dir;
        const Profile want = everyOption(dir.filePath(QStringLiteral("trading.db")));
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        QTest::keyClicks(edit(d, "sqlitePath"), want.target.path);
        QTest::keyClicks(edit(d, "profileName"), want.name);
        QTest::keyClicks(edit(d, "profilePoolMax"), QStringLiteral("trading_bot=100, scanner=20"));
        QTest::keyClicks(edit(d, "profileMigrations"), want.migrationsDir);
        QTest::keyClicks(edit(d, "profileReplica"), want.replicaDir);
        box(d, "profileReadOnly")->setChecked(true);
        box(d, "profileKeychain")->setChecked(true);
        std::optional<Profile> chosen;
        connect(&d, &ConnectionDialog::profileChosen, this, [&](const Profile &p) { chosen = p; });
        clickConnect(d);
        QVERIFY(chosen.has_value());
        compareOptions(*chosen, want);
        QCOMPARE(d.chosenTarget().profileName, want.name); // the window opens it as that profile

        const QString file = dir.filePath(QStringLiteral("profiles.ini"));
        QVERIFY(!ProfileStore(file).save(*chosen));
        const auto loaded = ProfileStore(file).find(want.name);
        QVERIFY(loaded.has_value());
        ConnectionDialog again;
        again.setProfile(*loaded);
        QCOMPARE(edit(again, "profilePoolMax")->text(), QStringLiteral("scanner=20, trading_bot=100"));
        QVERIFY(box(again, "profileReadOnly")->isChecked());
        QVERIFY(box(again, "profileKeychain")->isChecked());
        const auto shown = again.profile();
        QVERIFY(shown.ok());
        compareOptions(shown.value(), want);
    }

    void badPoolMaximumIsRefusedInline()
    {
        ConnectionDialog d;
        d.setPage(ConnectionDialog::Page::Sqlite);
        d.show();
        QTest::keyClicks(edit(d, "sqlitePath"), QStringLiteral("/srv/bot/trading.db"));
        QTest::keyClicks(edit(d, "profileName"), QStringLiteral("prod"));
        QTest::keyClicks(edit(d, "profilePoolMax"), QStringLiteral("trading_bot=lots"));
        QSignalSpy chosen(&d, &ConnectionDialog::targetChosen);
        clickConnect(d);
        QCOMPARE(chosen.count(), 0);
        QVERIFY(d.isVisible());
        const QString banner = d.findChild<ErrorBanner *>(QStringLiteral("connectionError"))->text();
        QVERIFY2(banner.contains(QStringLiteral("trading_bot=lots")), qPrintable(banner));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
