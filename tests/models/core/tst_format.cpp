// The one way the CLI's text and the console show sizes, counts, durations and moments: binary units labelled
// KiB/MiB/GiB, thousands separators, milliseconds only below 10 s, and times in the operator's zone, never a
// raw epoch number.
#include "core/format.h"
#include "schema/timevalue.h"

#include <QtTest>
#include <ctime>

using namespace dbops;

class TestFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bytes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << "0 B";
        QTest::newRow("1023 B, the last plain byte count") << qint64(1023) << "1023 B";
        QTest::newRow("1 KiB") << qint64(1024) << "1.0 KiB";
        QTest::newRow("the demo store, 6,709,248 B") << qint64(6709248) << "6.4 MiB";
        QTest::newRow("ten MiB loses the decimal") << qint64(10) * 1024 * 1024 << "10 MiB";
        QTest::newRow("GiB") << qint64(3) * 1024 * 1024 * 1024 / 2 << "1.5 GiB";
        QTest::newRow("thousands of TiB keep their separator")
            << qint64(2000) * 1024 * 1024 * 1024 * 1024 << "2,000 TiB";
    }
    void bytes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(Format::bytes(bytes), text);
    }

    void counts_data()
    {
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("text");
        QTest::newRow("small") << qint64(999) << "999";
        QTest::newRow("thousands") << qint64(1000) << "1,000";
        QTest::newRow("millions") << qint64(6709248) << "6,709,248";
        QTest::newRow("negative") << qint64(-12345) << "-12,345";
    }
    void counts()
    {
        QFETCH(qint64, count);
        QFETCH(QString, text);
        QCOMPARE(Format::count(count), text);
    }

    void milliseconds_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("below a millisecond") << 0.42 << "0.42 ms";
        QTest::newRow("a few ms keep a decimal") << 3.25 << "3.3 ms";
        QTest::newRow("hundreds") << 523.4 << "523 ms";
        QTest::newRow("just under 10 s stays in ms") << 9999.0 << "9,999 ms";
        QTest::newRow("10 s turns to seconds") << 10000.0 << "10.0 s";
        QTest::newRow("seconds") << 12345.0 << "12.3 s";
        QTest::newRow("minutes") << 125000.0 << "2 min 5 s";
        QTest::newRow("hours") << 3720000.0 << "1 h 2 min";
    }
    void milliseconds()
    {
        QFETCH(double, ms);
        QFETCH(QString, text);
        QCOMPARE(Format::milliseconds(ms), text);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(45) << "45 s";
        QTest::newRow("minutes") << qint64(600) << "10 min";
        QTest::newRow("hours") << qint64(4 * 3600 + 12 * 60) << "4 h 12 min";
        QTest::newRow("days") << qint64(2 * 86400 + 3 * 3600) << "2 d 3 h";
    }
    void durations()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(Format::duration(seconds), text);
    }

    // knex's migration_time and a restore preview's newest value are epoch milliseconds: shown as the same
    // moment in the operator's zone (here one with an offset and summer time), UTC on hover.
    void epochMillisecondsBecomeLocalTime_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QString>("utc");
        QTest::newRow("knex migration_time, Berlin winter") << QByteArray("Europe/Berlin") << "1796386141248"
                                                            << "2026-12-04 13:09:01"
                                                            << "2026-12-04 12:09:01 UTC";
        QTest::newRow("restore newest, New York") << QByteArray("America/New_York") << "1796389500000"
                                                  << "2026-12-04 08:05:00"
                                                  << "2026-12-04 13:05:00 UTC";
        QTest::newRow("epoch seconds, UTC") << QByteArray("UTC") << "1704103200"
                                            << "2024-01-01 10:00:00"
                                            << "2024-01-01 10:00:00 UTC";
        QTest::newRow("ISO text with Z, Tokyo") << QByteArray("Asia/Tokyo") << "2026-11-04T06:26:00.000Z"
                                                << "2026-11-04 15:26:00"
                                                << "2026-11-04 06:26:00 UTC";
    }
    void epochMillisecondsBecomeLocalTime()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QString, stored);
        QFETCH(QString, local);
        QFETCH(QString, utc);
        const QByteArray before = qgetenv("TZ");
        qputenv("TZ", zone);
        tzset();
        const QString shown = TimeValue::display(stored);
        const QString hover = TimeValue::displayUtc(stored);
        qputenv("TZ", before);
        tzset();
        QCOMPARE(shown, local);
        QCOMPARE(hover, utc);
    }

    void notATimeIsShownAsStored()
    {
        QCOMPARE(TimeValue::display(QStringLiteral("batch 3")), QStringLiteral("batch 3"));
        QCOMPARE(TimeValue::display(QString()), QStringLiteral("—"));
        QCOMPARE(TimeValue::displayUtc(QStringLiteral("batch 3")), QString());
    }
};

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
