// The progress lines `--progress` writes on stderr (a log or pipe here): one line per step, and each job's 100%
// line once however often the job reports it.
#include "opsprogress.h"

#include <QTemporaryFile>
#include <QtTest>

#include <cstdio>
#include <unistd.h>

using namespace dbops;

namespace {

// The lines the printer writes for `reports` ("DONE/TOTAL/WHAT" each), stderr caught in a file meanwhile.
QStringList linesFor(const QStringList &reports)
{
    QTemporaryFile file;
    if (!file.open())
        return {QStringLiteral("(no temporary file)")};
    fflush(stderr);
    const int saved = dup(fileno(stderr));
    dup2(file.handle(), fileno(stderr));
    const OpControl control = cli::progressControl(true);
    for (const QString &r : reports)
        control.report(r.section(QLatin1Char('/'), 0, 0).toLongLong(), r.section(QLatin1Char('/'), 1, 1).toLongLong(),
                       r.section(QLatin1Char('/'), 2));
    fflush(stderr);
    dup2(saved, fileno(stderr));
    close(saved);
    file.seek(0);
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestCliOpsProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachJobEndsOnce_data()
    {
        QTest::addColumn<QStringList>("reports");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("a job reporting 100% again")
            << QStringList{"5/5/flushing to disk", "5/5/flushing to disk", "5/5/flushing to disk"}
            << QStringList{"100%  flushing to disk"};
        QTest::newRow("a job whose text carries its count")
            << QStringList{"90/100/trades: 90 rows deleted", "100/100/trades: 100 rows deleted",
                           "100/100/trades: 130 rows deleted"}
            << QStringList{" 90%  trades: 90 rows deleted", "100%  trades: 100 rows deleted"};
        QTest::newRow("steps ending one after another")
            << QStringList{"8/8/copying pages", "8/8/checksum, row counts and flush", "8/8/copying pages"}
            << QStringList{"100%  copying pages", "100%  checksum, row counts and flush"};
        QTest::newRow("a step run again") << QStringList{"3/3/counting rows", "1/3/counting rows", "3/3/counting rows"}
                                          << QStringList{"100%  counting rows", "100%  counting rows"};
    }
    void eachJobEndsOnce()
    {
        QFETCH(QStringList, reports);
        QFETCH(QStringList, lines);
        QCOMPARE(linesFor(reports), lines);
    }
};

QTEST_GUILESS_MAIN(TestCliOpsProgress)
#include "tst_cli_opsprogress.moc"
