// The connection dialog turns what the operator types into the right Target, and keeps bad input inline.
#include "common/errorbanner.h"
#include "dialogs/connectiondialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;

namespace {
QLineEdit *edit(ConnectionDialog &d, const char *name) { return d.findChild<QLineEdit *>(QLatin1String(name)); }
void clickConnect(ConnectionDialog &d)
{
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
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
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
