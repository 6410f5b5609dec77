// The maintenance commands as an operator runs them: `dbops maintain` previews (exit 1) until --yes, then
// reports sizes and checkpoint figures (exit 0); `dbops locks` lists and removes stale locks only;
// `dbops prune` previews and deletes; `dbops sessions` wants an application. JSON keys as documented.
#include "clirunner.h"
#include "filesnapshot.h"
#include "heldlock.h"
#include "hostilefiles.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace dbops::test;

class TestCliMaintenance : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_db;

    CliResult run(const QStringList &args) { return CliRunner::run(args, m_env); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_dir.filePath(QStringLiteral("state")));
        m_db = m_dir.filePath(QStringLiteral("bot/trading.db"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("bot")));
        QVERIFY(SqliteFixture::createTradingStore(m_db, 3000));
        QVERIFY(SqliteFixture::exec(m_db, QStringLiteral("DELETE FROM trades WHERE id > 10")));
    }

    void maintainPreviewsWithoutYes()
    {
        const qint64 size = QFileInfo(m_db).size();
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), m_db, QStringLiteral("--op"),
                                 QStringLiteral("vacuum"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("preview"));
        QCOMPARE(o.value(QLatin1String("statements")).toArray().first().toString(), QStringLiteral("VACUUM"));
        QVERIFY(o.value(QLatin1String("sizes")).toObject().value(QLatin1String("freelist_pages")).toInt() > 0);
        QVERIFY(o.contains(QLatin1String("space_needed_bytes")));
        QCOMPARE(QFileInfo(m_db).size(), size);
    }

    void maintainPreviewLeavesTheStoreAsItWas_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("vacuum") << QStringList{QStringLiteral("--op"), QStringLiteral("vacuum")};
        QTest::newRow("analyze") << QStringList{QStringLiteral("--op"), QStringLiteral("analyze")};
        QTest::newRow("optimize") << QStringList{QStringLiteral("--op"), QStringLiteral("optimize")};
        QTest::newRow("checkpoint") << QStringList{QStringLiteral("--op"), QStringLiteral("checkpoint"),
                                                   QStringLiteral("--mode"), QStringLiteral("truncate")};
        QTest::newRow("incremental-vacuum")
            << QStringList{QStringLiteral("--op"), QStringLiteral("incremental-vacuum")};
    }

    // A preview changes nothing: commits still in the -wal (the bot was killed, no connection is open) stay
    // there, the main file is not written, the -wal is neither checkpointed nor deleted.
    void maintainPreviewLeavesTheStoreAsItWas()
    {
        QFETCH(QStringList, options);
        const QString db = m_dir.filePath(QStringLiteral("pending-%1.db").arg(QTest::currentDataTag()));
        QVERIFY(SqliteFixture::createTradingStore(db, 50));
        QVERIFY(SqliteFixture::execLeavingWal(
            db, {QStringLiteral("INSERT INTO trades (symbol, price, created_at) VALUES ('ETHUSDT', 1, 'x')"),
                 QStringLiteral("DELETE FROM trades WHERE id <= 20")}));
        const QString wal = db + QStringLiteral("-wal");
        QVERIFY(QFileInfo(wal).size() > 0);
        const QByteArray mainBefore = FileSnapshot::digest(db), walBefore = FileSnapshot::digest(wal);
        const CliResult r = run(QStringList{QStringLiteral("maintain"), QStringLiteral("--db"), db} + options);
        QVERIFY2(r.exitCode == 1 || r.exitCode == 2, r.err.constData()); // preview, or refused
        QVERIFY2(r.out.contains("Nothing was changed"), r.out.constData());
        QVERIFY(QFileInfo::exists(wal));
        QCOMPARE(FileSnapshot::digest(db), mainBefore);
        QCOMPARE(FileSnapshot::digest(wal), walBefore);
    }

    void maintainVacuumWithYesShrinksTheFile()
    {
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), m_db, QStringLiteral("--op"),
                                 QStringLiteral("vacuum"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("done"));
        QVERIFY(o.value(QLatin1String("bytes_freed")).toInteger() > 0);
        QCOMPARE(o.value(QLatin1String("after")).toObject().value(QLatin1String("freelist_pages")).toInt(), 0);
    }

    void maintainCheckpointReportsItsFigures()
    {
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), m_db, QStringLiteral("--op"),
                                 QStringLiteral("checkpoint"), QStringLiteral("--mode"), QStringLiteral("truncate"),
                                 QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject c = r.json().value(QLatin1String("checkpoint")).toObject();
        QCOMPARE(c.value(QLatin1String("busy")).toInt(), 0);
        QVERIFY(c.contains(QLatin1String("log_frames")));
        QVERIFY(c.contains(QLatin1String("checkpointed_frames")));
    }

    void maintainRefusesIncrementalVacuumAndSaysWhy()
    {
        const CliResult r =
            run({QStringLiteral("maintain"), QStringLiteral("--db"), m_db, QStringLiteral("--op"),
                 QStringLiteral("incremental-vacuum"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("refused"));
        QVERIFY(r.json()
                    .value(QLatin1String("error"))
                    .toObject()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QStringLiteral("auto_vacuum")));
    }

    void maintainUnknownOpIsBadInput()
    {
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), m_db, QStringLiteral("--op"),
                                 QStringLiteral("defrag")});
        QCOMPARE(r.exitCode, 3);
    }

    // A store whose last writer died mid-transaction: maintenance would roll the journal back (the evidence), so
    // it is refused with the hot-journal line every other command gives, as bad input, and both files stay.
    void maintainRefusesAHotJournalStoreAndKeepsTheJournal()
    {
        const QString hot = m_dir.filePath(QStringLiteral("hot.db"));
        QVERIFY(HostileFiles::hotJournal(hot));
        const QByteArray journal = FileSnapshot::digest(hot + QStringLiteral("-journal"));
        const CliResult r = run({QStringLiteral("maintain"), QStringLiteral("--db"), hot, QStringLiteral("--op"),
                                 QStringLiteral("optimize"), QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(QLatin1String("hot rollback journal")), r.err.constData());
        QCOMPARE(FileSnapshot::digest(hot + QStringLiteral("-journal")), journal);
    }

    void locksRemovesOnlyTheStaleOne()
    {
        const QString bot = m_dir.filePath(QStringLiteral("bot"));
        QFile stale(bot + QStringLiteral("/.writer.lock"));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("4194303");
        stale.close();
        QFile live(bot + QStringLiteral("/live.lock"));
        HeldLock held(live.fileName()); // a running bot holds its lock (flock, its PID inside)
        QVERIFY(held.ok());
        CliResult r = run({QStringLiteral("locks"), QStringLiteral("--db"), bot, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QLatin1String("stale")).toInt(), 1);
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 2);
        r = run({QStringLiteral("locks"), QStringLiteral("--db"), bot, QStringLiteral("--remove-stale"),
                 QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("removed")).toInt(), 1);
        QVERIFY(!stale.exists());
        QVERIFY(live.exists());
    }

    void prunePreviewsThenDeletes()
    {
        const QString out = m_dir.filePath(QStringLiteral("backups"));
        for (int i = 0; i < 3; ++i) {
            const CliResult b = run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"),
                                     out, QStringLiteral("--json")});
            QCOMPARE(b.exitCode, 0);
            QTest::qWait(1100); // backup names carry the second
        }
        CliResult r = run({QStringLiteral("prune"), QStringLiteral("--out"), out, QStringLiteral("--keep-last"),
                           QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(QLatin1String("delete_count")).toInt(), 2);
        QCOMPARE(r.json().value(QLatin1String("backups")).toArray().size(), 3);
        r = run({QStringLiteral("prune"), QStringLiteral("--out"), out, QStringLiteral("--keep-last"),
                 QStringLiteral("1"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("deleted")).toInt(), 2);
        r = run({QStringLiteral("backups"), QStringLiteral("--dir"), out, QStringLiteral("--json")});
        QCOMPARE(r.json().value(QLatin1String("count")).toInt(), 1);
    }

    // A folder with one backup (nothing due by the rule) and the leftover of a backup killed while writing.
    QString folderWithLeftover(const QString &name, QString *leftover)
    {
        const QString out = m_dir.filePath(name);
        if (run({QStringLiteral("backup"), QStringLiteral("--db"), m_db, QStringLiteral("--out"), out}).exitCode != 0)
            return {};
        *leftover = out + QStringLiteral("/.trading-20260101-000000Z.db.partial-4194303-0");
        QFile f(*leftover);
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray(4096, 'x')) != 4096)
            return {};
        return out;
    }

    void prunePreviewListsLeftoversWithoutRemoving()
    {
        QString leftover;
        const QString out = folderWithLeftover(QStringLiteral("prune-preview"), &leftover);
        QVERIFY(!out.isEmpty());
        const CliResult r = run({QStringLiteral("prune"), QStringLiteral("--out"), out, QStringLiteral("--keep-last"),
                                 QStringLiteral("5"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray partials = r.json().value(QLatin1String("stale_partials")).toArray();
        QCOMPARE(partials.size(), 1);
        QCOMPARE(partials.first().toObject().value(QLatin1String("path")).toString(), leftover);
        QVERIFY(QFileInfo::exists(leftover));
    }

    void pruneYesRemovesLeftovers()
    {
        QString leftover;
        const QString out = folderWithLeftover(QStringLiteral("prune-yes"), &leftover);
        QVERIFY(!out.isEmpty());
        const CliResult r = run({QStringLiteral("prune"), QStringLiteral("--out"), out, QStringLiteral("--keep-last"),
                                 QStringLiteral("5"), QStringLiteral("--yes"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QLatin1String("partials_removed")).toArray().size(), 1);
        QVERIFY(!QFileInfo::exists(leftover));
        QCOMPARE(r.json().value(QLatin1String("deleted")).toInt(), 0);
    }

    void pruneWithoutARuleIsBadInput()
    {
        const CliResult r = run({QStringLiteral("prune"), QStringLiteral("--out"), m_dir.path()});
        QCOMPARE(r.exitCode, 3);
    }

    void sessionsWantsAnApplication()
    {
        const CliResult r = run({QStringLiteral("sessions"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliMaintenance)
#include "tst_cli_maintenance.moc"
