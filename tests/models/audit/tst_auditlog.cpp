// The audit trail keeps what the operator did, newest first, with secrets removed.
#include "audit/auditlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

class TestAuditLog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void appendedRecordsComeBackNewestFirst()
    {
        AuditLog log(m_dir.filePath(QStringLiteral("state1.db")));
        const Error e0 = log.append({0,
                                     {},
                                     {},
                                     QStringLiteral("/data/trading.db"),
                                     QStringLiteral("backup"),
                                     QStringLiteral("--out /b"),
                                     QStringLiteral("ok"),
                                     {},
                                     {},
                                     {}});
        QVERIFY2(!e0, qPrintable(e0.oneLine()));
        QVERIFY(!log.append({0,
                             {},
                             {},
                             QStringLiteral("/data/trading.db"),
                             QStringLiteral("restore"),
                             {},
                             QStringLiteral("refused"),
                             QStringLiteral("bot is writing"),
                             {},
                             {}}));
        auto records = log.recent(10);
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->at(0).action, QStringLiteral("restore"));
        QCOMPARE(records->at(0).outcome, QStringLiteral("refused"));
        QCOMPARE(records->at(1).action, QStringLiteral("backup"));
        QCOMPARE(records->at(1).osUser, AuditLog::currentOsUser());
        QVERIFY(records->at(1).at.isValid());
        QVERIFY(qAbs(records->at(1).at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void secretsAreNotStored()
    {
        const QString path = m_dir.filePath(QStringLiteral("state2.db"));
        AuditLog log(path);
        QVERIFY(!log.append({0,
                             {},
                             {},
                             QStringLiteral("postgresql://bot:Sup3rSecret@db:5432/trading"),
                             QStringLiteral("backup"),
                             QStringLiteral("password=Sup3rSecret"),
                             QStringLiteral("ok"),
                             {},
                             {},
                             {}}));
        auto records = log.recent(1);
        QVERIFY(records.ok());
        QCOMPARE(records->at(0).target, QStringLiteral("postgresql://bot:***@db:5432/trading"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("Sup3rSecret"));
    }

    void unwritableLocationIsAnError()
    {
        AuditLog log(QStringLiteral("/proc/dbops-cannot-be-here/state.db"));
        const Error e = log.append(
            {0, {}, {}, QStringLiteral("x"), QStringLiteral("backup"), {}, QStringLiteral("ok"), {}, {}, {}});
        QCOMPARE(e.code, ErrorCode::Io);
        QVERIFY(e.message.contains(QStringLiteral("audit trail")));
        // The driver's words stay out of the one line an operator reads.
        QVERIFY2(!e.oneLine().contains(QStringLiteral("Unable to")) && !e.oneLine().contains(QStringLiteral("Error")),
                 qPrintable(e.oneLine()));
        QVERIFY(!e.detail.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
