// pgBackRest's `info --output=json` read into dbops's PITR values, and the progress of its detail log.
#include "pitr/pgbackrestengine.h"
#include "pitr/pgbackrestinfo.h"
#include "pitr/pitrlocator.h"

#include <QtTest>

using namespace dbops;

namespace {

// The shape pgBackRest 2.45 writes: a stanza with a full and an incremental backup (listed newest first here,
// to show the order is dbops's own), a failed one, and a system identifier past 2^53.
const QByteArray kInfo = R"([{
  "name": "main",
  "status": {"code": 0, "message": "ok"},
  "db": [{"id": 1, "system-id": 7715588603169579743, "version": "15"}],
  "archive": [{"database": {"id": 1}, "id": "15-1", "min": "000000010000000000000002",
               "max": "00000001000000000000000A"}],
  "backup": [
    {"label": "20261204-100000F_20261204-110000I", "type": "incr", "error": false,
     "timestamp": {"start": 1796378400, "stop": 1796378410},
     "info": {"size": 2000, "delta": 100, "repository": {"size": 500, "delta": 50}},
     "archive": {"start": "000000010000000000000008", "stop": "000000010000000000000008"}},
    {"label": "20261204-100000F", "type": "full", "error": false,
     "timestamp": {"start": 1796374800, "stop": 1796374830},
     "info": {"size": 1000, "delta": 1000, "repository": {"size": 400, "delta": 400}},
     "archive": {"start": "000000010000000000000003", "stop": "000000010000000000000004"}},
    {"label": "20261204-120000F", "type": "full", "error": true,
     "timestamp": {"start": 1796385600, "stop": 1796385700},
     "info": {"size": 1, "delta": 1, "repository": {"size": 1, "delta": 1}},
     "archive": {"start": "000000010000000000000009", "stop": "000000010000000000000009"}}
  ]},
  {"name": "empty", "status": {"code": 1, "message": "missing stanza path"}, "db": [], "archive": [], "backup": []}
])";

// Lines of a real `pgbackrest --log-level-console=detail restore` (2.45) of the test server, in their order: the
// last files all print the same share ("99.99%" four times, then "100.00%" for every small and empty file).
const QByteArray kRestoreLog = R"(2026-12-05 09:46:57.743 P00 DETAIL: create path '/var/tmp/side/base'
2026-12-05 09:46:57.802 P01 DETAIL: restore file /var/tmp/side/base/5/1255 (768KB, 2.54%) checksum 1295aad2d070b08dcb32defe61066c3f3187ae4d
2026-12-05 09:46:58.170 P01 DETAIL: restore file /var/tmp/side/base/1/2678 (16KB, 85.52%) checksum 5d3e0ccc0a497b3c3df12a6095d6d7d52070b38e
2026-12-05 09:46:58.484 P01 DETAIL: restore file /var/tmp/side/base/1/112 (8KB, 99.98%) checksum cf970ea5bb98f037703c55193a80284a871361d9
2026-12-05 09:46:58.485 P01 DETAIL: restore file /var/tmp/side/pg_ident.conf (1.6KB, 99.99%) checksum 71cba3da935791f93afc8535cc075d1f61a6fe12
2026-12-05 09:46:58.485 P01 DETAIL: restore file /var/tmp/side/global/pg_filenode.map (512B, 99.99%) checksum 8426f71eec225fb3087aa80427d8e6b4e6a8a65b
2026-12-05 09:46:58.486 P01 DETAIL: restore file /var/tmp/side/base/5/pg_filenode.map (512B, 99.99%) checksum 0cfc40f20a69108fe8efd0432dd52f4b72429562
2026-12-05 09:46:58.487 P01 DETAIL: restore file /var/tmp/side/base/4/pg_filenode.map (512B, 99.99%) checksum 0cfc40f20a69108fe8efd0432dd52f4b72429562
2026-12-05 09:46:58.487 P01 DETAIL: restore file /var/tmp/side/base/16447/pg_filenode.map (512B, 100.00%) checksum 0cfc40f20a69108fe8efd0432dd52f4b72429562
2026-12-05 09:46:58.489 P01 DETAIL: restore file /var/tmp/side/pg_hba.conf (338B, 100.00%) checksum 8cb55bf88aa8afe703db611a15a28121d06c289b
2026-12-05 09:46:58.544 P01 DETAIL: restore file /var/tmp/side/base/1/13404 (0B, 100.00%)
2026-12-05 09:46:58.645 P01 DETAIL: restore file /var/tmp/side/base/1/13394 (0B, 100.00%)
2026-12-05 09:46:58.652 P00   INFO: restore global/pg_control (performed last to ensure aborted restores cannot be started)
2026-12-05 09:46:58.652 P00   INFO: restore size = 29.5MB, file total = 1263)";

QDateTime at(qint64 epoch) { return QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC); }

PitrInfo mainStanza()
{
    auto list = PgBackRestInfo::parse(kInfo);
    return list && !list->isEmpty() ? list->first() : PitrInfo();
}

} // namespace

class TestPgBackRestInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsEveryStanzaWithItsStatus()
    {
        auto list = PgBackRestInfo::parse(kInfo);
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).stanza, QStringLiteral("main"));
        QVERIFY(list->at(0).ok());
        QVERIFY(list->at(0).usable);
        QVERIFY(!list->at(1).usable);
        QCOMPARE(list->at(1).status, QStringLiteral("missing stanza path"));
        QVERIFY(list->at(1).backups.isEmpty());
        QVERIFY(!list->at(1).restorableFrom.isValid());
    }

    void backupsOldestFirstWithoutFailedOnes()
    {
        const PitrInfo info = mainStanza();
        QCOMPARE(info.backups.size(), 2);
        QCOMPARE(info.backups[0].label, QStringLiteral("20261204-100000F"));
        QCOMPARE(info.backups[0].type, QStringLiteral("full"));
        QCOMPARE(info.backups[1].type, QStringLiteral("incr"));
    }

    void backupCarriesTimesSizesAndWalRange()
    {
        const PitrBackup b = mainStanza().backups.value(0);
        QCOMPARE(b.start, at(1796374800));
        QCOMPARE(b.stop, at(1796374830));
        QCOMPARE(b.bytes, 1000);
        QCOMPARE(b.repoBytes, 400);
        QCOMPARE(b.walStart, QStringLiteral("000000010000000000000003"));
        QCOMPARE(b.walStop, QStringLiteral("000000010000000000000004"));
        const QJsonObject j = b.toJson();
        QCOMPARE(j.value(QStringLiteral("stop")).toString(), QStringLiteral("2026-12-04T09:00:30Z"));
        QCOMPARE(j.value(QStringLiteral("size")).toInteger(), 1000);
    }

    void windowRunsFromOldestToNewestBackupEnd()
    {
        const PitrInfo info = mainStanza();
        QCOMPARE(info.restorableFrom, at(1796374830));
        QCOMPARE(info.restorableTo, at(1796378410));
        QCOMPARE(info.walMax, QStringLiteral("00000001000000000000000A"));
    }

    // A system identifier is a 64-bit number: read as a double it would lose its last digits and match no server.
    void systemIdKeepsEveryDigit() { QCOMPARE(mainStanza().systemId, QStringLiteral("7715588603169579743")); }

    void notJsonIsAnErrorNamingTheCommand()
    {
        auto list = PgBackRestInfo::parse("ERROR: [055]: unable to load info file");
        QVERIFY(!list);
        QVERIFY(list.error().hint.contains(QStringLiteral("pgbackrest info")));
    }

    void windowEndMovesToTheServersLastArchivedWal_data()
    {
        QTest::addColumn<QString>("lastArchivedWal");
        QTest::addColumn<bool>("moves");
        QTest::newRow("in the repository") << QStringLiteral("000000010000000000000009") << true;
        QTest::newRow("a backup label file") << QStringLiteral("000000010000000000000008.00000028.backup") << true;
        QTest::newRow("past the repository (another archive)") << QStringLiteral("00000001000000000000000B") << false;
    }
    void windowEndMovesToTheServersLastArchivedWal()
    {
        QFETCH(QString, lastArchivedWal);
        QFETCH(bool, moves);
        PitrInfo info = mainStanza();
        PitrServer server;
        server.lastArchivedWal = lastArchivedWal;
        server.lastArchivedAt = at(1796380000);
        PitrLocator::extendWindow(info, server);
        QCOMPARE(info.restorableTo, moves ? at(1796380000) : at(1796378410));
    }

    void progressFromTheDetailLog_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<double>("percent");
        QTest::newRow("file copied")
            << QByteArray("P01 DETAIL: backup file /var/lib/pg/base/1/1249 (456KB, 52.05%) checksum 3a1f") << 52.05;
        QTest::newRow("whole percent") << QByteArray("P01 DETAIL: backup file /d/global/pg_control (8KB, 100%)")
                                       << 100.0;
        QTest::newRow("no progress") << QByteArray("P00   INFO: new backup label = 20261204-100000F") << -1.0;
    }
    void progressFromTheDetailLog()
    {
        QFETCH(QByteArray, line);
        QFETCH(double, percent);
        QCOMPARE(PgBackRestEngine::progressOf(line), percent);
    }

    void restoreProgressReportsEachShareOnce()
    {
        QList<qint64> reported;
        const OpControl control{{}, [&reported](qint64 done, qint64, const QString &) { reported << done; }};
        PgBackRestProgress progress(control, QStringLiteral("pgbackrest restore"));
        for (const QByteArray &line : kRestoreLog.split('\n'))
            progress.line(line);
        QCOMPARE(reported, (QList<qint64>{254, 8552, 9998, 9999, 10000}));
    }
};

QTEST_GUILESS_MAIN(TestPgBackRestInfo)
#include "tst_pgbackrestinfo.moc"
