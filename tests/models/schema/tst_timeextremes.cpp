// The newest and oldest time of a column, and the rows later than a time, on real SQLite files: the restore
// preview's "newest" and "rows lost" and Health's data age read them. A column mixing ISO-8601 shapes and zones
// is read by instant, not by text; epoch numbers and one-shape text as before.
#include "schema/timeextremes.h"
#include "sqlitefixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestTimeExtremes : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // A store with table t(ts) holding `values` (SQL literals), with or without an index on ts.
    QString storeWith(const QStringList &values, bool indexed)
    {
        const QString path = m_dir.filePath(QStringLiteral("s%1.db").arg(++m_n));
        QStringList sql{QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, ts)"),
                        QStringLiteral("INSERT INTO t(ts) VALUES (%1)").arg(values.join(QStringLiteral("), (")))};
        if (indexed)
            sql << QStringLiteral("CREATE INDEX t_ts ON t(ts)");
        return SqliteFixture::create(path, sql) ? path : QString();
    }

    static void columns()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<bool>("indexed");
        QTest::addColumn<QVariant>("newest");
        QTest::addColumn<QVariant>("oldest");
        QTest::addColumn<QVariant>("since");
        QTest::addColumn<qint64>("newer");
    }
    static void cases()
    {
        // SQLite's own datetime('now') shape beside a client's "…T…Z": the greatest text ("2026-12-05T08…") is
        // an hour older than "2026-12-05 09:46:55", the smallest ("2026-12-04 23…") an hour newer than "…T22…Z".
        const QStringList mixed{QStringLiteral("'2026-12-05 09:46:55'"), QStringLiteral("'2026-12-05T08:34:14.564Z'"),
                                QStringLiteral("'2026-12-04 23:10:00'"), QStringLiteral("'2026-12-05 09:00:00'"),
                                QStringLiteral("'2026-12-04T22:00:00Z'")};
        for (bool indexed : {false, true}) {
            const char *suffix = indexed ? " (indexed)" : "";
            QTest::newRow(qPrintable(QStringLiteral("mixed shapes%1").arg(QLatin1String(suffix))))
                << mixed << indexed << QVariant(QStringLiteral("2026-12-05 09:46:55"))
                << QVariant(QStringLiteral("2026-12-04T22:00:00Z"))
                << QVariant(QStringLiteral("2026-12-05T08:34:14.564Z")) << qint64(2);
            // "+05:00": the text of 23:30 local sorts after everything, but the instant is 18:30 UTC.
            QTest::newRow(qPrintable(QStringLiteral("zone offsets%1").arg(QLatin1String(suffix))))
                << QStringList{QStringLiteral("'2026-12-05T23:30:00+05:00'"), QStringLiteral("'2026-12-05T20:00:00Z'"),
                               QStringLiteral("'2026-12-06T01:00:00+09:00'")}
                << indexed << QVariant(QStringLiteral("2026-12-05T20:00:00Z"))
                << QVariant(QStringLiteral("2026-12-06T01:00:00+09:00"))
                << QVariant(QStringLiteral("2026-12-05T19:00:00Z")) << qint64(1);
        }
        QTest::newRow("one shape") << QStringList{QStringLiteral("'2026-01-01T00:10:00Z'"),
                                                  QStringLiteral("'2026-01-02T00:00:00Z'"),
                                                  QStringLiteral("'2026-01-01T00:00:00Z'")}
                                   << true << QVariant(QStringLiteral("2026-01-02T00:00:00Z"))
                                   << QVariant(QStringLiteral("2026-01-01T00:00:00Z"))
                                   << QVariant(QStringLiteral("2026-01-01T00:10:00Z")) << qint64(1);
        QTest::newRow("epoch milliseconds")
            << QStringList{QStringLiteral("1764900000000"), QStringLiteral("1764900005000"),
                           QStringLiteral("1764800000000")}
            << false << QVariant(qint64(1764900005000)) << QVariant(qint64(1764800000000))
            << QVariant(qint64(1764900000000)) << qint64(1);
        QTest::newRow("text that is no time")
            << QStringList{QStringLiteral("'b'"), QStringLiteral("'c'"), QStringLiteral("'a'")} << false
            << QVariant(QStringLiteral("c")) << QVariant(QStringLiteral("a")) << QVariant(QStringLiteral("a"))
            << qint64(2);
    }

    // The store of the current row, opened read-only.
    bool open(SqliteHandle &db, bool *ok)
    {
        QFETCH(QStringList, values);
        QFETCH(bool, indexed);
        const QString path = storeWith(values, indexed);
        *ok = !path.isEmpty() && !db.open(path, SqliteHandle::Mode::ReadOnly);
        return *ok;
    }

private Q_SLOTS:
    void newestIsTheLatestInstant_data()
    {
        columns();
        cases();
    }
    void newestIsTheLatestInstant()
    {
        QFETCH(QVariant, newest);
        SqliteHandle db;
        bool ok = false;
        QVERIFY(open(db, &ok));
        auto got = TimeExtremes::newest(db, QStringLiteral("t"), QStringLiteral("ts"));
        QVERIFY(got);
        QCOMPARE(got.value(), newest);
    }

    void oldestIsTheEarliestInstant_data()
    {
        columns();
        cases();
    }
    void oldestIsTheEarliestInstant()
    {
        QFETCH(QVariant, oldest);
        SqliteHandle db;
        bool ok = false;
        QVERIFY(open(db, &ok));
        auto got = TimeExtremes::oldest(db, QStringLiteral("t"), QStringLiteral("ts"));
        QVERIFY(got);
        QCOMPARE(got.value(), oldest);
    }

    void rowsNewerCountsLaterInstants_data()
    {
        columns();
        cases();
    }
    void rowsNewerCountsLaterInstants()
    {
        QFETCH(QVariant, since);
        QFETCH(qint64, newer);
        SqliteHandle db;
        bool ok = false;
        QVERIFY(open(db, &ok));
        auto got = TimeExtremes::rowsNewerThan(db, QStringLiteral("t"), QStringLiteral("ts"), since);
        QVERIFY(got);
        QCOMPARE(got.value(), newer);
    }

    void emptyTableHasNoNewest()
    {
        const QString path = storeWith({QStringLiteral("NULL")}, false);
        SqliteFixture::exec(path, QStringLiteral("DELETE FROM t"));
        SqliteHandle db;
        QVERIFY(!db.open(path, SqliteHandle::Mode::ReadOnly));
        auto got = TimeExtremes::newest(db, QStringLiteral("t"), QStringLiteral("ts"));
        QVERIFY(got);
        QVERIFY(got->isNull());
    }
};

QTEST_GUILESS_MAIN(TestTimeExtremes)
#include "tst_timeextremes.moc"
