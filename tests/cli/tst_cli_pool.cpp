// `dbops pool` on SQLite stores, run as an operator would: JSON, a real writer holding the lock, lock files,
// exit codes. (PostgreSQL: tst_pg_cli_pool.cpp.)
#include "botconnection.h"
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

class TestCliPool : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void sqliteStoreAsJson()
    {
        const QString db = m_dir.filePath(QStringLiteral("free.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 10, true));
        const CliResult r =
            CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("engine")).toString(), QStringLiteral("sqlite"));
        const QJsonObject store = o.value(QStringLiteral("stores")).toArray().first().toObject();
        QCOMPARE(store.value(QStringLiteral("journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(store.value(QStringLiteral("write_lock")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("free"));
        const QJsonObject checkpoint = store.value(QStringLiteral("checkpoint")).toObject();
        QVERIFY(!checkpoint.value(QStringLiteral("ran")).toBool()); // monitoring never checkpoints
        QCOMPARE(checkpoint.value(QStringLiteral("source")).toString(), QStringLiteral("wal_index"));
        QVERIFY(checkpoint.value(QStringLiteral("log")).toInt() >= 0);
        QCOMPARE(store.value(QStringLiteral("active_probes")).toBool(), false);
    }

    void activeProbesOnlyWhenAskedAndSaidSo()
    {
        const QString db = m_dir.filePath(QStringLiteral("active.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 10, true));
        const CliResult json = CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db,
                                               QStringLiteral("--json"), QStringLiteral("--active-probes")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject store = json.json().value(QStringLiteral("stores")).toArray().first().toObject();
        QCOMPARE(store.value(QStringLiteral("active_probes")).toBool(), true);
        QVERIFY(store.value(QStringLiteral("checkpoint")).toObject().value(QStringLiteral("ran")).toBool());
        const CliResult text =
            CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db, QStringLiteral("--active-probes")});
        QVERIFY2(text.out.contains("active probes (they write to the store)"), text.out.constData());
        const CliResult plain = CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db});
        QVERIFY(!plain.out.contains("active probes"));
    }

    void writerHoldingTheLockAndHoldingTheFile()
    {
        const QString db = m_dir.filePath(QStringLiteral("held.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 10, true));
        {
            BotConnection bot(db);
            QVERIFY(bot.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(bot.exec(QStringLiteral("DELETE FROM positions")));
            const CliResult r =
                CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db, QStringLiteral("--json")});
            QCOMPARE(r.exitCode, 0);
            const QJsonObject store = r.json().value(QStringLiteral("stores")).toArray().first().toObject();
            const QJsonObject lock = store.value(QStringLiteral("write_lock")).toObject();
            QCOMPARE(lock.value(QStringLiteral("state")).toString(), QStringLiteral("held"));
            QCOMPARE(lock.value(QStringLiteral("pids")).toArray(),
                     QJsonArray{double(QCoreApplication::applicationPid())});
            QStringList pids;
            for (const QJsonValue &p : store.value(QStringLiteral("processes")).toArray())
                pids << QString::number(qint64(p.toObject().value(QStringLiteral("pid")).toDouble()));
            QVERIFY2(pids.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(pids.join(',')));
            QVERIFY(bot.exec(QStringLiteral("COMMIT"))); // never disturbed
        }
    }

    // The keys PostgreSQL's pool gives are there for SQLite too: the processes holding the store, by command.
    void holdersCountedLikeConnections()
    {
        const QString db = m_dir.filePath(QStringLiteral("holders.db"));
        QVERIFY(SqliteFixture::createTradingStore(db, 10, true));
        {
            BotConnection bot(db);
            QVERIFY(bot.exec(QStringLiteral("SELECT count(*) FROM trades"))); // the file is open from here on
            const CliResult r =
                CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), db, QStringLiteral("--json")});
            QCOMPARE(r.exitCode, 0);
            const QJsonObject o = r.json();
            QVERIFY(o.contains(QStringLiteral("max_connections")));
            QVERIFY(o.value(QStringLiteral("max_connections")).isNull());
            QCOMPARE(o.value(QStringLiteral("total")).toInt(), 1);
            QCOMPARE(o.value(QStringLiteral("leak_suspects")).toArray(), QJsonArray());
            const QJsonArray apps = o.value(QStringLiteral("applications")).toArray();
            QCOMPARE(apps.size(), 1);
            QCOMPARE(apps.first().toObject().value(QStringLiteral("pids")).toArray(),
                     QJsonArray{double(QCoreApplication::applicationPid())});
            QCOMPARE(apps.first().toObject().value(QStringLiteral("total")).toInt(), 1);
        }
    }

    void staleLockFileIsAWarning()
    {
        QTemporaryDir dir;
        QVERIFY(SqliteFixture::createTradingStore(dir.filePath(QStringLiteral("trading.db")), 5, true));
        QFile lock(dir.filePath(QStringLiteral("bot.lock")));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("4194301\n");
        lock.close();
        const CliResult r = CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("stale"));
    }

    void badPoolMaximumIsAUsageError()
    {
        const CliResult r =
            CliRunner::run({QStringLiteral("pool"), QStringLiteral("--db"), m_dir.filePath(QStringLiteral("free.db")),
                            QStringLiteral("--pool-max"), QStringLiteral("trading_bot=lots")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("trading_bot=lots"));
    }
};

QTEST_GUILESS_MAIN(TestCliPool)
#include "tst_cli_pool.moc"
