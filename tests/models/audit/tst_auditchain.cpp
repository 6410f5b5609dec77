// The audit trail is a hash chain: an edited, removed or smuggled-in record is found, and a trail written
// before the chain is sealed once, as it is.
#include "audit/auditchain.h"
#include "audit/auditlog.h"
#include "auditfixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

class TestAuditChain : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_next = 0;

    // A fresh trail with `count` actions appended by dbops.
    QString trail(int count)
    {
        const QString path = m_dir.filePath(QStringLiteral("state%1.db").arg(++m_next));
        const AuditLog log(path);
        for (int i = 1; i <= count; ++i) {
            AuditRecord r;
            r.target = QStringLiteral("/srv/bot/data");
            r.action = i % 2 ? QStringLiteral("backup") : QStringLiteral("cleanup");
            r.parameters = QStringLiteral("--step %1").arg(i);
            r.outcome = i % 2 ? QStringLiteral("ok") : QStringLiteral("failed");
            if (const Error e = log.append(r))
                qWarning() << e.oneLine();
        }
        return path;
    }

    static AuditChainState verified(const QString &path)
    {
        auto state = AuditLog(path).verify();
        if (!state)
            qWarning() << state.error().oneLine();
        return state ? state.value() : AuditChainState{};
    }

private Q_SLOTS:
    void eachRecordCarriesTheSealOfTheOneBefore()
    {
        const QString path = trail(4);
        auto records = AuditLog(path).all();
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 4);
        QCOMPARE(records->at(0).previousHash, AuditChain::genesis());
        for (int i = 1; i < records->size(); ++i)
            QCOMPARE(records->at(i).previousHash, records->at(i - 1).hash);
        const AuditChainState state = verified(path);
        QVERIFY2(state.whole, qPrintable(state.oneLine()));
        QCOMPARE(state.checked, 4);
    }

    void tamperingIsFound_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<qint64>("brokenId");
        QTest::addColumn<QString>("what");
        QTest::newRow("field updated") << QStringList{QStringLiteral("UPDATE audit SET outcome = 'ok' WHERE id = 4")}
                                       << qint64(4) << QStringLiteral("changed");
        QTest::newRow("time updated") << QStringList{QStringLiteral(
                                             "UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE id = 2")}
                                      << qint64(2) << QStringLiteral("changed");
        QTest::newRow("middle deleted") << QStringList{QStringLiteral("DELETE FROM audit WHERE id = 3")} << qint64(4)
                                        << QStringLiteral("record before it");
        QTest::newRow("first deleted") << QStringList{QStringLiteral("DELETE FROM audit WHERE id = 1")} << qint64(2)
                                       << QStringLiteral("before it are missing");
        QTest::newRow("newest deleted") << QStringList{QStringLiteral("DELETE FROM audit WHERE id = 5")} << qint64(5)
                                        << QStringLiteral("missing");
        QTest::newRow("edited and resealed")
            << QStringList{QStringLiteral("UPDATE audit SET detail = 'nothing', hash = lower(hex(randomblob(32))) "
                                          "WHERE id = 2")}
            << qint64(2) << QStringLiteral("changed");
        QTest::newRow("inserted outside dbops")
            << QStringList{QStringLiteral("INSERT INTO audit (at, os_user, target, action, outcome) VALUES "
                                          "('2026-12-01T00:00:00.000Z', 'x', 'y', 'restore', 'ok')")}
            << qint64(6) << QStringLiteral("no seal");
    }
    void tamperingIsFound()
    {
        QFETCH(QStringList, sql);
        QFETCH(qint64, brokenId);
        QFETCH(QString, what);
        const QString path = trail(5);
        QVERIFY(verified(path).whole);
        QVERIFY(AuditFixture::exec(path, sql));
        const AuditChainState state = verified(path);
        QVERIFY2(!state.whole, "tampering went unnoticed");
        QCOMPARE(state.brokenId, brokenId);
        QVERIFY2(state.what.contains(what), qPrintable(state.what));
    }

    void newestDeletedStaysFoundAfterTheNextAppend()
    {
        const QString path = trail(3);
        QVERIFY(AuditFixture::exec(path, {QStringLiteral("DELETE FROM audit WHERE id = 3")}));
        AuditRecord next;
        next.target = QStringLiteral("/srv/bot/data");
        next.action = QStringLiteral("backup");
        next.outcome = QStringLiteral("ok");
        QVERIFY(!AuditLog(path).append(next));
        const AuditChainState state = verified(path);
        QVERIFY2(!state.whole, "the next append hid the deletion");
        QCOMPARE(state.brokenId, 4);
    }

    void missingHeadFileIsFound()
    {
        const QString path = trail(2);
        QVERIFY(QFile::remove(AuditChain::headFile(path)));
        const AuditChainState state = verified(path);
        QVERIFY(!state.whole);
        QVERIFY2(state.what.contains(QStringLiteral("head file")), qPrintable(state.what));
    }

    void unchainedTrailIsSealedAsItIs()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.db"));
        QVERIFY(AuditFixture::writeUnchainedTrail(path, 3));
        const AuditChainState state = verified(path);
        QVERIFY2(state.whole, qPrintable(state.oneLine()));
        QCOMPARE(state.checked, 3);
        QCOMPARE(state.sealedRecords, 3);
        QVERIFY(!state.sealedAt.isEmpty());
        auto records = AuditLog(path).all();
        QVERIFY(records.ok());
        QCOMPARE(records->at(1).parameters, QStringLiteral("--out /b")); // content kept as it was
        QVERIFY(!records->at(2).hash.isEmpty());
    }

    void sealingHappensOnce()
    {
        // After the seal, a record added in the old way is not sealed by the next open: it is found.
        const QString path = m_dir.filePath(QStringLiteral("old2.db"));
        QVERIFY(AuditFixture::writeUnchainedTrail(path, 2));
        const QString sealedAt = verified(path).sealedAt;
        QVERIFY(AuditFixture::exec(path, {QStringLiteral("INSERT INTO audit (at, os_user, target, action, outcome) "
                                                         "VALUES ('2026-11-05T10:00:00.000Z', 'ops', 't', 'restore', "
                                                         "'ok')")}));
        const AuditChainState state = verified(path);
        QVERIFY(!state.whole);
        QCOMPARE(state.brokenId, 3);
        QCOMPARE(state.sealedAt, sealedAt);
    }

    void sealedOldTrailKeepsChainingNewRecords()
    {
        const QString path = m_dir.filePath(QStringLiteral("old3.db"));
        QVERIFY(AuditFixture::writeUnchainedTrail(path, 2));
        AuditRecord r;
        r.target = QStringLiteral("/srv/bot/data");
        r.action = QStringLiteral("restore");
        r.outcome = QStringLiteral("ok");
        QVERIFY(!AuditLog(path).append(r));
        const AuditChainState state = verified(path);
        QVERIFY2(state.whole, qPrintable(state.oneLine()));
        QCOMPARE(state.checked, 3);
        QCOMPARE(state.sealedRecords, 2);
    }

    void emptyTrailIsWhole()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.db"));
        const AuditChainState state = verified(path);
        QVERIFY(state.whole);
        QCOMPARE(state.checked, 0);
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
