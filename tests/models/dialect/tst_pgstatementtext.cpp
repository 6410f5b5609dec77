// EXPLAIN's guard against a second statement hidden in the text: PostgreSQL runs every statement of a query
// string, so "select 1; commit; begin read write; drop table t" would drop the table whatever EXPLAIN is put in
// front. One statement (with its trailing ';' and comments) passes; anything more is refused, however quoted.
#include "dialect/pgstatementtext.h"

#include <QTest>

using namespace dbops;

class TestPgStatementText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneStatementPasses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("statement");
        QTest::newRow("plain") << "select * from trades where id = 1"
                               << "select * from trades where id = 1";
        QTest::newRow("trailing semicolon") << "select 1;  \n"
                                            << "select 1";
        QTest::newRow("comment after it") << "select 1; -- the bot's note"
                                          << "select 1";
        QTest::newRow("semicolon in a string") << "select ';drop table t;' as x"
                                               << "select ';drop table t;' as x";
        QTest::newRow("doubled quote") << "select 'it''s; fine'"
                                       << "select 'it''s; fine'";
        QTest::newRow("semicolon in an identifier") << "select 1 as \"a;b\""
                                                    << "select 1 as \"a;b\"";
        QTest::newRow("dollar quoted") << "select $x$ ; drop $x$"
                                       << "select $x$ ; drop $x$";
        QTest::newRow("empty dollar tag") << "select $$;$$"
                                          << "select $$;$$";
        QTest::newRow("parameters") << "select * from t where a = $1 and b = $2"
                                    << "select * from t where a = $1 and b = $2";
        QTest::newRow("escape string") << "select E'\\'; still a string'"
                                       << "select E'\\'; still a string'";
        QTest::newRow("nested comment") << "select 1 /* a /* b; */ c; */"
                                        << "select 1 /* a /* b; */ c; */";
        QTest::newRow("line comment") << "select 1 -- ; drop\n"
                                      << "select 1 -- ; drop";
    }
    void oneStatementPasses()
    {
        QFETCH(QString, text);
        QFETCH(QString, statement);
        const auto one = PgStatementText::single(text);
        QVERIFY2(one, qPrintable(one ? QString() : one.error().oneLine()));
        QCOMPARE(one.value(), statement);
    }

    void moreThanOneIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("the review's attack") << "select 1; commit; begin read write; drop table victim3; commit";
        QTest::newRow("after a string") << "select 'a'; drop table t";
        QTest::newRow("backslash is not an escape") << "select 'a\\'; drop table t; --'";
        QTest::newRow("after a comment") << "select 1 /* x */; drop table t";
        QTest::newRow("after a dollar quote") << "select $q$x$q$; drop table t";
        QTest::newRow("second empty statement") << "select 1;;";
        QTest::newRow("empty") << "  -- nothing\n ";
        QTest::newRow("unterminated string") << "select 'abc";
        QTest::newRow("unterminated comment") << "select 1 /* ";
        QTest::newRow("unterminated dollar quote") << "select $a$ x";
    }
    void moreThanOneIsRefused()
    {
        QFETCH(QString, text);
        const auto one = PgStatementText::single(text);
        QVERIFY(!one);
        QCOMPARE(one.error().code, ErrorCode::Usage);
    }
};

QTEST_GUILESS_MAIN(TestPgStatementText)
#include "tst_pgstatementtext.moc"
