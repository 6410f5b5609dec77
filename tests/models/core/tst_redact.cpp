// Secrets never reach a log, a report or a settings file: Redact is the one place that removes them.
#include "core/redact.h"

#include <QtTest>

using dbops::Redact;

class TestRedact : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void removesSecrets_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("uri") << "postgresql://bot:pa55@db:5432/x"
                             << "postgresql://bot:***@db:5432/x";
        QTest::newRow("uri no user") << "postgres://:pa55@db/x"
                                     << "postgres://:***@db/x";
        QTest::newRow("conninfo") << "host=db password=pa55 user=bot"
                                  << "host=db password=*** user=bot";
        QTest::newRow("quoted") << "password='p a s s' dbname=x"
                                << "password=*** dbname=x";
        QTest::newRow("env") << "PGPASSWORD=pa55 pg_dump"
                             << "PGPASSWORD=*** pg_dump";
        QTest::newRow("json-ish") << "password: pa55"
                                  << "password: ***";
        QTest::newRow("nothing secret") << "postgresql://bot@db:5432/x"
                                        << "postgresql://bot@db:5432/x";
        QTest::newRow("path") << "/data/trading.db"
                              << "/data/trading.db";
    }
    void removesSecrets()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Redact::text(input), expected);
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
