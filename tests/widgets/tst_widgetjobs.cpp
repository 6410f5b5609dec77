// Widgets build requests, submit core jobs and render results: no widget file defines a job body (a lambda
// taking a JobContext) or touches a database handle. Every operation's body lives in models/, where the CLI
// calls the same entry point.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

class TestWidgetJobs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noWidgetDefinesAJobOrTouchesADatabase()
    {
        // Qt SQL handles, the worker's connection, SQLite's C API and our wrapper of it, and job bodies.
        const QRegularExpression forbidden(
            QStringLiteral("\\bJobContext\\b|\\bQSql(Database|Query)\\b|\\bSqliteHandle\\b|"
                           "\\bsqlite3(_\\w+|\\s*\\*\\s*\\w|\\.h)|\\b(ctx|context|c)\\s*\\.\\s*db\\s*\\(\\)"));
        // text the UI shows, not code
        const QRegularExpression literal(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
        QStringList hits;
        int files = 0;
        QDirIterator it(QStringLiteral(DBOPS_SOURCE_DIR "/widgets"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QLatin1String("/widgets/render/"))) // drawn on the capture's worker thread, no widget
                continue;
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            ++files;
            int line = 0;
            for (const QByteArray &raw : f.readAll().split('\n')) {
                ++line;
                QString text = QString::fromUtf8(raw);
                text.remove(literal);
                const int comment = text.indexOf(QLatin1String("//"));
                if (comment >= 0)
                    text.truncate(comment);
                if (text.contains(forbidden))
                    hits << QStringLiteral("%1:%2: %3")
                                .arg(path.mid(int(qstrlen(DBOPS_SOURCE_DIR)) + 1))
                                .arg(line)
                                .arg(QString::fromUtf8(raw).trimmed());
            }
        }
        QVERIFY(files > 20);
        QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("\n") + hits.join(QLatin1Char('\n'))));
    }

    // The GUI thread never reads the disk: the health history (the growth chart's points) is read by a job
    // (HealthScan::history). A widget may name the file (HealthHistory::fileFor), never open one.
    void noWidgetReadsTheHealthHistory()
    {
        const QRegularExpression opens(QStringLiteral("\\bHealthHistory\\s*(\\(|\\{|\\w+\\s*[({;])"));
        QStringList hits;
        QDirIterator it(QStringLiteral(DBOPS_SOURCE_DIR "/widgets"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QLatin1String("/widgets/render/"))) // drawn on the capture's worker thread, no widget
                continue;
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            int line = 0;
            for (const QByteArray &raw : f.readAll().split('\n')) {
                ++line;
                QString text = QString::fromUtf8(raw);
                const int comment = text.indexOf(QLatin1String("//"));
                if (comment >= 0)
                    text.truncate(comment);
                if (text.contains(opens))
                    hits << QStringLiteral("%1:%2: %3")
                                .arg(path.mid(int(qstrlen(DBOPS_SOURCE_DIR)) + 1))
                                .arg(line)
                                .arg(QString::fromUtf8(raw).trimmed());
            }
        }
        QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("\n") + hits.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestWidgetJobs)
#include "tst_widgetjobs.moc"
