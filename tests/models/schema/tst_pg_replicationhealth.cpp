// Archive and replication findings of the health scan on the real PostgreSQL 15 test server: a replication
// slot nobody reads keeps WAL, and an archive_command that fails. Runs alone (RUN_SERIAL): both change the
// server as a whole.
#include "connection/connector.h"
#include "pgarchive.h"
#include "pgtestserver.h"
#include "schema/healthprobe.h"
#include "schema/pgreplication.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using dbops::test::ArchiverState;
using dbops::test::PgArchive;
using dbops::test::PgTestServer;

namespace {

const QString kSlot = QStringLiteral("dbops_test_idle_slot");

bool exec(const QString &sql) { return PgTestServer::exec({sql}); }

const HealthFinding *finding(const HealthReport &r, const QString &code)
{
    for (const HealthFinding &f : r.findings)
        if (f.code == code)
            return &f;
    return nullptr;
}

void dropSlot()
{
    exec(QStringLiteral("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '%1'")
             .arg(kSlot));
}

} // namespace

class TestPgReplicationHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { DBOPS_REQUIRE_PG(); }
    void cleanup()
    {
        dropSlot();
        QVERIFY(PgArchive::restore());
    }

    void healthyServerHasNoArchiveOrReplicationFinding()
    {
        auto report = HealthProbe::collect(PgTestServer::target(), SessionOptions::monitor());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().oneLine()));
        for (const char *code : {"archive_failing", "archive_lagging", "inactive_replication_slot", "standby_lagging"})
            QVERIFY2(!finding(report.value(), QLatin1String(code)), code);
        QCOMPARE(report->facts.value(QStringLiteral("archive")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("on"));
    }

    void inactiveSlotRetainingWalIsFound()
    {
        QVERIFY(exec(QStringLiteral("SELECT pg_create_physical_replication_slot('%1', true)").arg(kSlot)));
        QVERIFY(PgArchive::switchWal()); // WAL written after the slot's restart point: kept for it
        auto report = HealthProbe::collect(PgTestServer::target(), SessionOptions::monitor());
        QVERIFY(report);
        const HealthFinding *f = finding(report.value(), QStringLiteral("inactive_replication_slot"));
        QVERIFY(f);
        QVERIFY(f->message.contains(kSlot));
        const QJsonArray slotList = report->facts.value(QStringLiteral("replication_slots")).toArray();
        QCOMPARE(slotList.size(), 1);
        QCOMPARE(slotList[0].toObject().value(QStringLiteral("active")).toBool(), false);
        QVERIFY(slotList[0].toObject().value(QStringLiteral("retained_bytes")).toDouble() > 0);
    }

    // Issue 16's goal: the archive lag dbops shows is pg_stat_archiver's, within 1 s.
    void archiveLagIsTheArchiversWithinASecond()
    {
        QVERIFY(PgArchive::waitFor(
            [](const ArchiverState &before, const ArchiverState &now) { return now.archived > before.archived; }));
        ScopedConnection c(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("archiver"));
        QVERIFY2(c.ok(), qPrintable(c.error().oneLine()));
        auto state = PgReplication::read(c.db());
        QVERIFY2(state, qPrintable(state ? QString() : state.error().oneLine()));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT last_archived_wal, extract(epoch FROM clock_timestamp() - "
                                      "last_archived_time)::float8 FROM pg_stat_archiver")) &&
                q.next());
        QCOMPARE(state->archive.lastArchivedWal, q.value(0).toString());
        const double shown = state->archive.lastArchivedAgeS, archiver = q.value(1).toDouble();
        QVERIFY2(shown >= 0 && qAbs(archiver - shown) <= 1.0,
                 qPrintable(QStringLiteral("shown %1 s, archiver %2 s").arg(shown).arg(archiver)));
    }

    void failingArchiveCommandIsFound()
    {
        QVERIFY(PgArchive::setCommand(QStringLiteral("/bin/false")));
        QVERIFY(PgArchive::waitFor(
            [](const ArchiverState &before, const ArchiverState &now) { return now.failed > before.failed; }));
        auto report = HealthProbe::collect(PgTestServer::target(), SessionOptions::monitor());
        QVERIFY(report);
        const HealthFinding *f = finding(report.value(), QStringLiteral("archive_failing"));
        QVERIFY(f);
        QCOMPARE(f->severity, FindingSeverity::Critical);
        QCOMPARE(report->status(), QStringLiteral("critical"));
        QVERIFY(report->facts.value(QStringLiteral("archive")).toObject().value(QStringLiteral("failing")).toBool());
    }
};

QTEST_GUILESS_MAIN(TestPgReplicationHealth)
#include "tst_pg_replicationhealth.moc"
