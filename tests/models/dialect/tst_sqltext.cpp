// SqlText: every PostgreSQL catalog query loads, and none has a '?' or an odd apostrophe in a "--" comment: QPSQL
// turns '?' into $n itself and does not know SQL comments, so either would shift or break the bound values.
// (SQLite parses its own placeholders, comments included; the cleanup strips comments before counting '?'.)
#include "dialect/sqltext.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace dbops;

class TestSqlText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commentsHoldNoPlaceholderOrQuote_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("name");
        const QString dialect = QStringLiteral("postgresql");
        const QStringList files = QDir(QStringLiteral(":/sql/") + dialect).entryList({QStringLiteral("*.sql")});
        QVERIFY2(files.size() > 10, qPrintable(files.join(QLatin1Char(' '))));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dialect << QFileInfo(f).completeBaseName();
    }
    void commentsHoldNoPlaceholderOrQuote()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, name);
        const QString text = SqlText::get(dialect, name);
        QVERIFY(!text.isEmpty());
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            const qsizetype comment = line.indexOf(QLatin1String("--"));
            if (comment < 0 || line.left(comment).count(QLatin1Char('\'')) % 2 != 0) // "--" inside a string
                continue;
            // An odd apostrophe opens a "string" for QPSQL that swallows the placeholders after it.
            const QString tail = line.mid(comment);
            QVERIFY2(!tail.contains(QLatin1Char('?')) && tail.count(QLatin1Char('\'')) % 2 == 0, qPrintable(line));
        }
    }

    // Every PostgreSQL text is marked as the console's own, and the mark itself is safe for QPSQL.
    void postgresTextsCarryTheConsoleMarker_data() { commentsHoldNoPlaceholderOrQuote_data(); }
    void postgresTextsCarryTheConsoleMarker()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, name);
        const QString marker = QLatin1String(SqlText::kConsoleMarker);
        QVERIFY(!marker.contains(QLatin1Char('?')) && !marker.contains(QLatin1Char('\'')));
        QVERIFY(SqlText::get(dialect, name).startsWith(marker + QLatin1Char(' ')));
        QVERIFY(SqlText::isConsoleStatement(SqlText::get(dialect, name)));
    }

    // Every "-- name:" statement of every file loads; PostgreSQL ones come marked, and plain() gives the text
    // as written (a maintenance plan shows it), without the marker and without comment lines.
    void namedStatementsLoad_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        int count = 0;
        for (const QString &dialect : {QStringLiteral("sqlite"), QStringLiteral("postgresql")}) {
            const QString dir = QStringLiteral(":/sql/") + dialect;
            for (const QString &f : QDir(dir).entryList({QStringLiteral("*.sql")})) {
                const QString file = QFileInfo(f).completeBaseName();
                for (const SqlText::Section &s :
                     SqlText::sections(SqlText::get(dialect, file), QStringLiteral("-- name:"))) {
                    if (s.key.isEmpty())
                        continue;
                    ++count;
                    QTest::addRow("%s/%s#%s", qPrintable(dialect), qPrintable(file), qPrintable(s.key))
                        << dialect << file << s.key;
                }
            }
        }
        QVERIFY(count > 50);
    }
    void namedStatementsLoad()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, file);
        QFETCH(QString, key);
        const QString plain = SqlText::plain(dialect, file, key);
        QVERIFY(!plain.isEmpty());
        QVERIFY(!SqlText::isConsoleStatement(plain));
        for (const QString &line : plain.split(QLatin1Char('\n')))
            QVERIFY2(!line.trimmed().startsWith(QLatin1String("--")), qPrintable(line));
        const QString got = SqlText::get(dialect, file, key);
        if (dialect == QLatin1String("postgresql"))
            QCOMPARE(got, SqlText::marked(plain));
        else
            QCOMPARE(got, plain);
    }

    // A value is put in once and never searched again: a quoted name holding "{table}" stays a name.
    void fillPutsValuesInOnce_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("filled");
        QTest::newRow("two") << QStringLiteral("SELECT max({column}) FROM {table}")
                             << QStringLiteral("SELECT max(\"ts\") FROM \"t{table}\"");
        QTest::newRow("repeated") << QStringLiteral("b.{column} IS l.{column}")
                                  << QStringLiteral("b.\"ts\" IS l.\"ts\"");
        QTest::newRow("unknown kept") << QStringLiteral("SELECT '{x}' FROM {table}")
                                      << QStringLiteral("SELECT '{x}' FROM \"t{table}\"");
        QTest::newRow("unclosed") << QStringLiteral("SELECT {column") << QStringLiteral("SELECT {column");
    }
    void fillPutsValuesInOnce()
    {
        QFETCH(QString, sql);
        QFETCH(QString, filled);
        const QHash<QString, QString> values{{QStringLiteral("column"), QStringLiteral("\"ts\"")},
                                             {QStringLiteral("table"), QStringLiteral("\"t{table}\"")}};
        QCOMPARE(SqlText::fill(sql, values), filled);
    }

    void sqliteTextsAreNotMarked()
    {
        QVERIFY(!SqlText::isConsoleStatement(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("health_tables"))));
    }
};

QTEST_GUILESS_MAIN(TestSqlText)
#include "tst_sqltext.moc"
