// SQL text lives in resources/sql/<dialect>/*.sql (read with SqlText), never in a .cpp of the core library:
// there it escapes tst_sqltext's checks and the console's marker, and reviewers miss it. This test reads every
// models/**/*.cpp and fails, naming file:line, on a string literal that starts with an SQL keyword.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {

struct Literal {
    int line = 0;
    QString text; // adjacent literals ("a" "b") joined, as the compiler joins them
};

// Skips a comment starting at `i`; returns the index after it, or `i` when there is none.
qsizetype skipComment(const QString &src, qsizetype i, int &line)
{
    if (src.mid(i, 2) == QLatin1String("//")) {
        const qsizetype end = src.indexOf(QLatin1Char('\n'), i);
        return end < 0 ? src.size() : end;
    }
    if (src.mid(i, 2) == QLatin1String("/*")) {
        const qsizetype end = src.indexOf(QLatin1String("*/"), i + 2);
        const qsizetype stop = end < 0 ? src.size() : end + 2;
        line += int(src.mid(i, stop - i).count(QLatin1Char('\n')));
        return stop;
    }
    return i;
}

// Reads the literal whose opening quote is at `i` (a raw literal when `raw`); returns the index after it.
qsizetype readLiteral(const QString &src, qsizetype i, bool raw, QString &text, int &line)
{
    if (raw) {
        const qsizetype paren = src.indexOf(QLatin1Char('('), i);
        const QString close = QLatin1Char(')') + src.mid(i + 1, paren - i - 1) + QLatin1Char('"');
        const qsizetype end = src.indexOf(close, paren);
        text += src.mid(paren + 1, end - paren - 1);
        line += int(text.count(QLatin1Char('\n')));
        return end + close.size();
    }
    for (++i; i < src.size() && src[i] != QLatin1Char('"'); ++i) {
        if (src[i] == QLatin1Char('\\'))
            ++i;
        text += src[i];
    }
    return i + 1;
}

QList<Literal> literals(const QString &src)
{
    QList<Literal> result;
    int line = 1;
    bool joinable = false; // only white space and comments since the last literal
    for (qsizetype i = 0; i < src.size();) {
        const QChar c = src[i];
        if (const qsizetype after = skipComment(src, i, line); after != i) {
            i = after;
        } else if (c == QLatin1Char('\n')) {
            ++line;
            ++i;
        } else if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('\'')) { // a character literal, maybe '"'
            i = src.indexOf(QLatin1Char('\''), i + (src[i + 1] == QLatin1Char('\\') ? 3 : 2)) + 1;
            joinable = false;
        } else if (c == QLatin1Char('"') || (c == QLatin1Char('R') && src.mid(i + 1, 1) == QLatin1String("\"") &&
                                             (i == 0 || !src[i - 1].isLetterOrNumber()))) {
            if (!joinable)
                result << Literal{line, {}};
            i = readLiteral(src, c == QLatin1Char('R') ? i + 1 : i, c == QLatin1Char('R'), result.last().text, line);
            joinable = true;
        } else {
            ++i;
            joinable = false;
        }
    }
    return result;
}

// A statement starts with an upper-case keyword. Prose that names one ("VACUUM needs 2 GiB free") has two
// lower-case words in a row, which the console's SQL (upper-case keywords) never has.
bool isSql(const QString &literal)
{
    static const QRegularExpression keyword(
        QStringLiteral("^\\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|"
                       "RELEASE|VACUUM|ANALYZE|REINDEX|WITH|SET|RESET|SHOW|ATTACH|DETACH|EXPLAIN|PREPARE|"
                       "DEALLOCATE|TRUNCATE|REPLACE)\\b"));
    static const QRegularExpression prose(QStringLiteral("(?<![\\w.%])[a-z]+ [a-z]+(?![\\w(.])"));
    return keyword.match(literal).hasMatch() && !prose.match(literal).hasMatch();
}

// Literals on a line that says so are labels shown to the operator, not statements.
bool isMarkedLabel(const QStringList &lines, int line)
{
    return lines.value(line - 1).contains(QLatin1String("// label, not SQL"));
}

} // namespace

class TestNoSqlInCpp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scannerFindsStatements_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("sql");
        QTest::newRow("statement") << QStringLiteral("q.exec(QStringLiteral(\"BEGIN IMMEDIATE\"));") << true;
        QTest::newRow("joined") << QStringLiteral("f(\"SELECT a \"\n  \"FROM t\");") << true;
        QTest::newRow("raw") << QStringLiteral("f(R\"(PRAGMA page_size)\");") << true;
        QTest::newRow("prose") << QStringLiteral("f(\"VACUUM needs more room\");") << false;
        QTest::newRow("sql in a message") << QStringLiteral("f(\"free pages; \" \"VACUUM reclaims them\");") << false;
        QTest::newRow("comment") << QStringLiteral("// \"SELECT 1\"\nf(1);") << false;
        QTest::newRow("char quote") << QStringLiteral("f('\"'); g(\"x\"); h('\"');") << false;
    }
    void scannerFindsStatements()
    {
        QFETCH(QString, source);
        QFETCH(bool, sql);
        bool found = false;
        for (const Literal &l : literals(source))
            found = found || isSql(l.text);
        QCOMPARE(found, sql);
    }

    void noCppUnderModelsHoldsSql()
    {
        QStringList found;
        int files = 0;
        QDirIterator it(QStringLiteral(DBOPS_SOURCE_DIR "/models"), {QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            ++files;
            const QString src = QString::fromUtf8(file.readAll());
            const QStringList lines = src.split(QLatin1Char('\n'));
            for (const Literal &l : literals(src))
                if (isSql(l.text) && !isMarkedLabel(lines, l.line))
                    found << QStringLiteral("%1:%2: %3")
                                 .arg(QDir(QStringLiteral(DBOPS_SOURCE_DIR)).relativeFilePath(path))
                                 .arg(l.line)
                                 .arg(l.text.simplified().left(60));
        }
        QVERIFY(files > 50);
        for (const QString &f : found) // one line each: a test failure message is cut short
            qWarning().noquote() << f;
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1 SQL literal(s) in .cpp files (listed above); SQL "
                                                            "belongs in resources/sql/<dialect>/")
                                                 .arg(found.size())));
    }
};

QTEST_GUILESS_MAIN(TestNoSqlInCpp)
#include "tst_nosqlincpp.moc"
