// What an operator reads in the text output: one unit system (KiB/MiB/GiB), times in the operator's zone instead
// of epoch numbers, no words of dbops' own making ("seed 003", "keep_last="), hints that work when followed, and
// the exit codes of README's table when a store cannot be read at all (another process's exclusive lock).
#include "busystore.h"
#include "clirunner.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

namespace {

// An epoch in milliseconds or seconds as a person would meet it in a line of text.
bool holdsEpoch(const QByteArray &text)
{
    static const QRegularExpression epoch(QStringLiteral("\\b1[0-9]{9}([0-9]{3})?\\b"));
    return epoch.match(QString::fromUtf8(text)).hasMatch();
}

QString line(const QByteArray &out, const QString &start)
{
    for (const QString &l : QString::fromUtf8(out).split(QLatin1Char('\n')))
        if (l.trimmed().startsWith(start))
            return l;
    return {};
}

} // namespace

class TestCliWords : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_demo;

    CliResult run(const QStringList &args) { return CliRunner::run(args, m_env); }
    QString trading() const { return m_demo + QStringLiteral("/trading/trading.db"); }

private Q_SLOTS:
    void initTestCase()
    {
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        m_env.insert(QStringLiteral("TZ"), QStringLiteral("Europe/Berlin"));
        m_demo = m_dir.filePath(QStringLiteral("demo"));
        QCOMPARE(run({QStringLiteral("demo"), QStringLiteral("--out"), m_demo}).exitCode, 0);
    }

    // "info" once said "6.4 MB" for 6,709,248 bytes: a binary size needs a binary unit's name.
    void sizesCarryBinaryUnits_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("start");
        QTest::newRow("info") << QStringList{QStringLiteral("info")} << QStringLiteral("size");
        QTest::newRow("backup") << QStringList{QStringLiteral("backup"), QStringLiteral("--out"),
                                               m_dir.filePath(QStringLiteral("units-backups"))}
                                << QStringLiteral("size");
    }
    void sizesCarryBinaryUnits()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, start);
        const CliResult r = run(args + QStringList{QStringLiteral("--db"), trading()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString size = line(r.out, start);
        QVERIFY2(QRegularExpression(QStringLiteral("^size\\s+[0-9.,]+ (KiB|MiB|GiB)\\b")).match(size).hasMatch(),
                 qPrintable(size));
        QVERIFY2(!size.contains(QLatin1String(" MB")) && !size.contains(QLatin1String(" kB")), qPrintable(size));
    }

    // knex keeps migration_time as epoch milliseconds in SQLite: "last at 1704189600000" was what showed.
    void knexLastMigrationIsALocalTime()
    {
        const QString db = m_dir.filePath(QStringLiteral("knex.db"));
        QVERIFY(SqliteFixture::create(
            db, {QStringLiteral("create table `knex_migrations` (`id` integer not null primary key autoincrement, "
                                "`name` varchar(255), `batch` integer, `migration_time` datetime)"),
                 QStringLiteral("insert into knex_migrations (name, batch, migration_time) values "
                                "('20240101_a.js',1,1704103200000),('20240102_b.js',2,1704189600000)")}));
        const CliResult r = run({QStringLiteral("migrations"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        const QString current = line(r.out, QStringLiteral("current"));
        QVERIFY2(current.contains(QLatin1String("last 20240102_b.js at 2024-01-02 11:00:00")), qPrintable(current));
        QVERIFY2(!holdsEpoch(r.out), r.out.constData());
    }

    // The restore preview's "newest" columns held the stored epoch ("newest 1796389500000").
    void restorePreviewShowsTimesNotEpochs()
    {
        const QString live = m_dir.filePath(QStringLiteral("epoch-live.db"));
        QVERIFY(SqliteFixture::create(
            live, {QStringLiteral("CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT, created_at INTEGER)"),
                   QStringLiteral("INSERT INTO trades (symbol, created_at) VALUES ('BTCUSDT', 1796386141248), "
                                  "('BTCUSDT', 1796389500000)")}));
        const QString out = m_dir.filePath(QStringLiteral("epoch-backups"));
        const CliResult backup = run({QStringLiteral("backup"), QStringLiteral("--db"), live, QStringLiteral("--out"),
                                      out, QStringLiteral("--json")});
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        QVERIFY(SqliteFixture::exec(live, QStringLiteral("INSERT INTO trades (symbol, created_at) VALUES "
                                                         "('ETHUSDT', 1796393100000)")));
        const CliResult r = run({QStringLiteral("restore"), backup.json().value(QStringLiteral("path")).toString(),
                                 QStringLiteral("--db"), live, QStringLiteral("--safety-dir"),
                                 m_dir.filePath(QStringLiteral("epoch-safety"))});
        QVERIFY2(r.exitCode == 1, r.err.constData());
        const QString row = line(r.out, QStringLiteral("trades"));
        QVERIFY2(row.contains(QLatin1String("2026-12-04 15:05:00")) &&
                     row.contains(QLatin1String("2026-12-04 14:05:00")),
                 qPrintable(row));
        QVERIFY2(!holdsEpoch(r.out), r.out.constData());
    }

    void suggestionsSpeakTheOperatorsWords()
    {
        const CliResult r =
            run({QStringLiteral("cleanup"), QStringLiteral("--db"), trading(), QStringLiteral("--suggest")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("market data: 7 days kept"), r.out.constData());
        QVERIFY2(!r.out.contains("seed"), r.out.constData());
    }

    // "backups in  (keep_last=2 …)": the folder and the rules in words.
    void pruneNamesTheFolderAndItsRulesInWords()
    {
        const QString folder = m_dir.filePath(QStringLiteral("prune-backups"));
        QCOMPARE(run({QStringLiteral("backup"), QStringLiteral("--db"), trading(), QStringLiteral("--out"), folder})
                     .exitCode,
                 0);
        const CliResult r =
            run({QStringLiteral("prune"), QStringLiteral("--out"), folder, QStringLiteral("--keep-last"),
                 QStringLiteral("2"), QStringLiteral("--keep-days"), QStringLiteral("7")});
        QCOMPARE(r.exitCode, 0);
        const QString head = line(r.out, QStringLiteral("backups in"));
        QVERIFY2(head.startsWith(QStringLiteral("backups in ") + QDir(folder).absolutePath() + QLatin1Char(',')),
                 qPrintable(head));
        QVERIFY2(head.contains(QLatin1String("the 2 newest")) && head.contains(QLatin1String("younger than 7 days")),
                 qPrintable(head));
        QVERIFY2(!r.out.contains("keep_last") && !r.out.contains("keep_newest_verified"), r.out.constData());
    }

    // The hint once said "--store trading.db", which then failed: it names the stores as --store takes them.
    void dataDirCleanupHintNamesTheStores()
    {
        const CliResult r = run({QStringLiteral("cleanup"), QStringLiteral("--db"), m_demo, QStringLiteral("--policy"),
                                 QStringLiteral("market_data:timestamp:7d")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("trading/trading.db"), r.err.constData());
        QVERIFY2(!r.err.contains("--store trading.db"), r.err.constData());
    }

    void bareStoreNameIsAcceptedWhenUnique()
    {
        const CliResult r = run({QStringLiteral("cleanup"), QStringLiteral("--db"), m_demo, QStringLiteral("--store"),
                                 QStringLiteral("trading.db"), QStringLiteral("--policy"),
                                 QStringLiteral("market_data:timestamp:7d"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.json().value(QStringLiteral("dry_run")).toBool());
    }

    // README: 3 when the input cannot be used — a store another process keeps exclusively locked cannot be read.
    void exclusivelyLockedStoreIsUnusableInput_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"info", "health", "migrations"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void exclusivelyLockedStoreIsUnusableInput()
    {
        QFETCH(QString, command);
        const QString db = m_dir.filePath(QStringLiteral("exclusive-%1.db").arg(command));
        BusyStore held(db, BusyStore::Mode::ExclusiveLock);
        QVERIFY(held.ok());
        const CliResult r = run({command, QStringLiteral("--db"), db});
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.contains("locked"), r.err.constData());
        QCOMPARE(r.exitCode, 3);
    }

    // `pool` said "[ok]" and "journal ," while nobody but the holder could read the store.
    void poolSaysTheStoreIsExclusivelyLocked()
    {
        const QString db = m_dir.filePath(QStringLiteral("exclusive-pool.db"));
        BusyStore held(db, BusyStore::Mode::ExclusiveLock);
        QVERIFY(held.ok());
        const CliResult r = run({QStringLiteral("pool"), QStringLiteral("--db"), db});
        const QByteArray holder = "exclusively locked by pid " + QByteArray::number(QCoreApplication::applicationPid());
        QVERIFY2(r.out.contains(holder), r.out.constData());
        QVERIFY2(!r.out.contains("[ok]") && !r.out.contains("journal ,"), r.out.constData());
        QCOMPARE(r.exitCode, 1);
        const CliResult j = run({QStringLiteral("pool"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        const QJsonObject store = j.json().value(QStringLiteral("stores")).toArray().first().toObject();
        QCOMPARE(store.value(QStringLiteral("readable")).toBool(true), false);
        QCOMPARE(store.value(QStringLiteral("status")).toString(), QStringLiteral("warning"));
    }
};

QTEST_GUILESS_MAIN(TestCliWords)
#include "tst_cli_words.moc"
