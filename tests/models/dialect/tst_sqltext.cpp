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

    void sqliteTextsAreNotMarked()
    {
        QVERIFY(!SqlText::isConsoleStatement(SqlText::get(QStringLiteral("sqlite"), QStringLiteral("health_tables"))));
    }
};

QTEST_GUILESS_MAIN(TestSqlText)
#include "tst_sqltext.moc"
