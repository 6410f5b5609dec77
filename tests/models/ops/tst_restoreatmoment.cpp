// The moment `restore --at` is asked for: ISO-8601 with or without a zone, or relative to now; anything else,
// and a relative moment before any store could exist, is refused as bad input with a line that says why.
#include "ops/restoreat.h"

#include <QtTest>

using namespace dbops;

class TestRestoreAtMoment : public QObject {
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);

private Q_SLOTS:
    void momentsAreRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("UTC") << "2026-12-04T11:57:00Z" << QDateTime(QDate(2026, 12, 4), QTime(11, 57), Qt::UTC);
        QTest::newRow("milliseconds") << "2026-12-04T11:57:00.250Z"
                                      << QDateTime(QDate(2026, 12, 4), QTime(11, 57, 0, 250), Qt::UTC);
        QTest::newRow("-15m") << "-15m" << m_now.addSecs(-15 * 60);
        QTest::newRow("-2h") << "-2h" << m_now.addSecs(-2 * 3600);
        QTest::newRow("-1.5d") << "-1.5d" << m_now.addSecs(-36 * 3600);
    }

    void momentsAreRead()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto at = RestoreAt::parseMoment(text, m_now);
        QVERIFY2(at, qPrintable(at ? QString() : at.error().oneLine()));
        QCOMPARE(at.value(), expected);
    }

    void badMomentsAreUsageErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("a word") << "yesterday"
                                << "is not a moment";
        QTest::newRow("month 13") << "2026-13-01T00:00:00Z"
                                  << "is not a moment";
        QTest::newRow("before any store existed") << "-99999999d"
                                                  << "more than 100 years ago";
    }

    void badMomentsAreUsageErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const auto at = RestoreAt::parseMoment(text, m_now);
        QVERIFY(!at);
        QCOMPARE(at.error().code, ErrorCode::Usage);
        QVERIFY2(at.error().message.contains(says), qPrintable(at.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRestoreAtMoment)
#include "tst_restoreatmoment.moc"
