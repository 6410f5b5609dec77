// PgName: a PostgreSQL table name spelled for SQL (always quoted), as pg_restore --list prints it, for a
// message (one line), and read back from a manifest entry with or without its recorded schema.
#include "ops/pgname.h"

#include <QtTest>

using namespace dbops;

class TestPgName : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void spellings_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("listed");
        QTest::addColumn<QString>("display");
        QTest::newRow("plain") << "public"
                               << "trades"
                               << "\"public\".\"trades\""
                               << "public trades"
                               << "public.trades";
        QTest::newRow("mixed case") << "public"
                                    << "Trades"
                                    << "\"public\".\"Trades\""
                                    << "public Trades"
                                    << "public.Trades";
        QTest::newRow("space") << "desk one"
                               << "order book"
                               << "\"desk one\".\"order book\""
                               << "desk one order book"
                               << "desk one.order book";
        QTest::newRow("newline") << "public"
                                 << "new\nline"
                                 << "\"public\".\"new\nline\""
                                 << "public new line"
                                 << "public.new\\nline";
        QTest::newRow("carriage return") << "public"
                                         << "a\rb"
                                         << "\"public\".\"a\rb\""
                                         << "public a b"
                                         << "public.a\\rb";
        QTest::newRow("quotes all round") << "public"
                                          << "\"x\""
                                          << "\"public\".\"\"\"x\"\"\""
                                          << "public \"x\""
                                          << "public.\"x\"";
    }
    void spellings()
    {
        QFETCH(QString, schema);
        QFETCH(QString, table);
        const PgName name{schema, table};
        QTEST(name.sql(), "sql");
        QTEST(name.listed(), "listed");
        QTEST(name.display(), "display");
    }

    void manifestEntryWithItsSchemaKeepsDotsInTheName()
    {
        TableRows rows(QStringLiteral("a.b.c.d"));
        rows.schema = QStringLiteral("a.b");
        const PgName name = PgName::of(rows);
        QCOMPARE(name.schema, QStringLiteral("a.b"));
        QCOMPARE(name.table, QStringLiteral("c.d"));
    }

    void olderManifestEntryIsSplitAtTheFirstDot()
    {
        const PgName name = PgName::of(TableRows(QStringLiteral("bot.orders.2026")));
        QCOMPARE(name.schema, QStringLiteral("bot"));
        QCOMPARE(name.table, QStringLiteral("orders.2026"));
    }
};

QTEST_GUILESS_MAIN(TestPgName)
#include "tst_pgname.moc"
