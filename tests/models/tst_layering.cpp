// models/ reads in one direction: a folder includes only folders below it in the written order (the same list
// as ARCHITECTURE.md's "models/, folder by folder"). A cycle between folders can never come back unnoticed.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {

// Bottom first. A new folder goes into this list and into ARCHITECTURE.md, at the place its includes allow.
const QStringList kOrder{
    QStringLiteral("core"),     QStringLiteral("dialect"),     QStringLiteral("connection"), QStringLiteral("worker"),
    QStringLiteral("log"),      QStringLiteral("state"),       QStringLiteral("audit"),      QStringLiteral("schema"),
    QStringLiteral("probe"),    QStringLiteral("ops"),         QStringLiteral("pitr"),       QStringLiteral("cleanup"),
    QStringLiteral("activity"), QStringLiteral("maintenance"), QStringLiteral("item"),       QStringLiteral("status"),
    QStringLiteral("schedule"), QStringLiteral("alert"),       QStringLiteral("incident"), QStringLiteral("demo"),
};

QString modelsDir() { return QStringLiteral(DBOPS_SOURCE_DIR "/models"); }

QStringList folders() { return QDir(modelsDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name); }

QString readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

class TestLayering : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyFolderHasAPlaceInTheOrder_data()
    {
        QTest::addColumn<QString>("folder");
        for (const QString &folder : folders())
            QTest::newRow(qPrintable(folder)) << folder;
        QVERIFY2(folders().size() > 5, qPrintable(QStringLiteral("no folders found in %1").arg(modelsDir())));
    }

    void everyFolderHasAPlaceInTheOrder()
    {
        QFETCH(QString, folder);
        QVERIFY2(kOrder.contains(folder),
                 qPrintable(QStringLiteral("models/%1 is in no place of the order; add it to kOrder here and to "
                                           "ARCHITECTURE.md, above every folder it includes")
                                .arg(folder)));
    }

    // One row per source file: each of its includes of another models/ folder goes down the order.
    void includesGoDownTheOrder_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(modelsDir(), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << QDir(modelsDir()).relativeFilePath(it.next());
        files.sort();
        QVERIFY2(files.size() > 50, qPrintable(QStringLiteral("no sources found in %1").arg(modelsDir())));
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void includesGoDownTheOrder()
    {
        QFETCH(QString, file);
        const QString from = file.section(QLatin1Char('/'), 0, 0);
        const int fromRank = kOrder.indexOf(from);
        if (fromRank < 0)
            QSKIP("folder not in the order (everyFolderHasAPlaceInTheOrder reports it)");
        static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s*\"(([^\"/]+)/[^\"]+)\""),
                                                QRegularExpression::MultilineOption);
        const QStringList known = folders();
        auto matches = include.globalMatch(readAll(modelsDir() + QLatin1Char('/') + file));
        while (matches.hasNext()) {
            const auto m = matches.next();
            const QString to = m.captured(2);
            if (to == from || !known.contains(to))
                continue;
            QVERIFY2(kOrder.indexOf(to) >= 0 && kOrder.indexOf(to) < fromRank,
                     qPrintable(QStringLiteral("models/%1 includes \"%2\", but %3 sits below %4 in the order (%5): "
                                               "move the shared piece down to a folder both may include")
                                    .arg(file, m.captured(1), from, to, kOrder.join(QStringLiteral(" → ")))));
        }
    }

    void architectureDocWritesTheSameOrder()
    {
        const QString doc = readAll(QStringLiteral(DBOPS_SOURCE_DIR "/ARCHITECTURE.md"));
        QVERIFY2(!doc.isEmpty(), "ARCHITECTURE.md not found in the source directory");
        static const QRegularExpression line(QStringLiteral("^core( → [a-z]+)+$"), QRegularExpression::MultilineOption);
        const auto m = line.match(doc);
        QVERIFY2(m.hasMatch(), "ARCHITECTURE.md has no line \"core → dialect → …\" writing the folder order");
        QCOMPARE(m.captured(0), kOrder.join(QStringLiteral(" → ")));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
