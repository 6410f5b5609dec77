// Health snapshots persisted for the growth chart: appended, read back in order, capped, bad lines skipped.
#include "schema/healthhistory.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

class TestHealthHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendsAndLoads()
    {
        QTemporaryDir tmp;
        HealthHistory h(tmp.filePath(QStringLiteral("sub/h.jsonl")));
        HealthReport r;
        TableHealth t;
        t.name = QStringLiteral("trades");
        t.tableBytes = 4096;
        t.indexBytes = 1024;
        t.rows = 10;
        r.tables << t;
        const QDateTime t0(QDate(2024, 1, 1), QTime(10, 0), Qt::UTC);
        QVERIFY(!h.append(r, t0));
        r.tables[0].tableBytes = 8192;
        QVERIFY(!h.append(r, t0.addSecs(60)));
        QFile f(h.file());
        QVERIFY(f.open(QIODevice::Append));
        f.write("not json\n");
        f.close();
        const QList<HealthSnapshot> s = h.load();
        QCOMPARE(s.size(), 2);
        QCOMPARE(s[0].at, t0);
        QCOMPARE(s[0].totalBytes, 5120);
        QCOMPARE(s[1].tableBytes.value(QStringLiteral("trades")), 9216);
        QCOMPARE(s[1].tableRows.value(QStringLiteral("trades")), 10);
        QCOMPARE(h.load(1).size(), 1);
        QCOMPARE(h.load(1).first().totalBytes, 9216);
    }

    void fileNameHasNoSecret()
    {
        PgParams p;
        p.host = QStringLiteral("db.example");
        p.password = QStringLiteral("s3cret");
        const QString file = HealthHistory::fileFor(Target::postgres(p));
        QVERIFY(!file.contains(QLatin1String("s3cret")));
        QVERIFY(file.endsWith(QLatin1String(".jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestHealthHistory)
#include "tst_healthhistory.moc"
