// "Is this a backup of this store?": one database reached through localhost, 127.0.0.1, ::1 or its socket
// folder is one source (a backup taken through one restores, drills and counts for the store reached through
// another); another port, database or host is not.
#include "ops/backupnaming.h"

#include <QTest>

using namespace dbops;

class TestBackupNaming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameSource_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        const QString tcp = QStringLiteral("postgresql://127.0.0.1:5432/trading");
        QTest::newRow("identical") << tcp << tcp << true;
        QTest::newRow("localhost") << tcp << "postgresql://localhost:5432/trading" << true;
        QTest::newRow("ipv6 loopback") << tcp << "postgresql://::1:5432/trading" << true;
        QTest::newRow("socket folder") << tcp << "postgresql:///var/run/postgresql:5432/trading" << true;
        QTest::newRow("another port") << tcp << "postgresql://localhost:5433/trading" << false;
        QTest::newRow("another database") << tcp << "postgresql://localhost:5432/research" << false;
        QTest::newRow("another host") << tcp << "postgresql://10.0.0.5:5432/trading" << false;
        QTest::newRow("sqlite paths") << "/bots/a/trading.db"
                                      << "/bots/b/trading.db" << false;
        QTest::newRow("empty") << QString() << "postgresql://localhost:5432/trading" << false;
    }
    void sameSource()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(BackupNaming::sameSource(a, b), same);
        QCOMPARE(BackupNaming::sameSource(b, a), same);
    }
};

QTEST_GUILESS_MAIN(TestBackupNaming)
#include "tst_backupnaming.moc"
