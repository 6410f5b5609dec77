// The bot's own backups through the CLI (issue 15 §1): `backups --dir` lists them beside dbops's own, `verify`
// checks them against their sha256 sidecar, `restore` restores them through the same preview, safety backup and
// --yes as dbops's own backups.
#include "clirunner.h"
#include "ops/sha256.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::CliResult;
using dbops::test::CliRunner;
using dbops::test::SqliteFixture;

namespace {

qint64 trades(const QString &path)
{
    return SqliteFixture::scalar(path, QStringLiteral("SELECT count(*) FROM trades")).toLongLong();
}

QString errText(const CliResult &r) { return QString::fromUtf8(r.err + r.out).left(2000); }

bool writeSidecar(const QString &path, const QString &digest)
{
    QFile f(path + QStringLiteral(".sha256"));
    const QByteArray line = (digest + QStringLiteral("  ") + QFileInfo(path).fileName() + QLatin1Char('\n')).toUtf8();
    return f.open(QIODevice::WriteOnly) && f.write(line) == line.size();
}

} // namespace

class TestCliBotBackups : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    int m_n = 0;

    // data/backups/trading/2026-12-04/<name>: a plain copy of a trading store with `rows` trades, as the bot's
    // backup script leaves it. Returns its path; *root is the backups folder.
    QString botCopy(const QString &name, int rows, QString *root = nullptr)
    {
        const QString top = m_home.filePath(QStringLiteral("bot%1/data/backups").arg(++m_n));
        const QString day = top + QStringLiteral("/trading/2026-12-04");
        if (!QDir().mkpath(day) || !SqliteFixture::createTradingStore(day + QLatin1Char('/') + name, rows, false))
            return {};
        if (root)
            *root = top;
        return day + QLatin1Char('/') + name;
    }

    // The live store data/trading/trading.db of a bot of its own.
    QString liveStore(const QString &bot)
    {
        const QString dir = m_home.filePath(QStringLiteral("live-%1/data/trading").arg(bot));
        return QDir().mkpath(dir) ? dir + QStringLiteral("/trading.db") : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("xdg-data")));
        m_env.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("xdg-state")));
        m_env.insert(QStringLiteral("TZ"), QStringLiteral("UTC")); // names without a zone are local time
    }

    void backupsListsTheBotsCopies_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("takenAt");
        QTest::newRow("20261204T1000Z") << "trading_20261204T1000Z.db"
                                        << "2026-12-04T10:00:00.000Z";
        QTest::newRow("20261204_100000") << "trading_20261204_100000.db"
                                         << "2026-12-04T10:00:00.000Z";
        QTest::newRow("2026-12-04T10-00-00") << "trading_2026-12-04T10-00-00.db"
                                             << "2026-12-04T10:00:00.000Z";
        QTest::newRow("ISO with colons") << "trading_2026-12-04T10:00:00Z.db"
                                         << "2026-12-04T10:00:00.000Z";
        QTest::newRow("ISO with offset") << "trading_2026-12-04T12:30:00+02:00.db"
                                         << "2026-12-04T10:30:00.000Z";
    }
    void backupsListsTheBotsCopies()
    {
        QFETCH(QString, name);
        QFETCH(QString, takenAt);
        QString root;
        const QString path = botCopy(name, 5, &root);
        QVERIFY(!path.isEmpty());
        const CliResult r =
            CliRunner::run({QStringLiteral("backups"), QStringLiteral("--dir"), root, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = r.json().value(QLatin1String("backups")).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject e = list.first().toObject();
        QCOMPARE(e.value(QLatin1String("path")).toString(), path);
        QCOMPARE(e.value(QLatin1String("origin")).toString(), QStringLiteral("bot"));
        QCOMPARE(e.value(QLatin1String("store")).toString(), QStringLiteral("trading"));
        QCOMPARE(e.value(QLatin1String("state")).toString(), QStringLiteral("unverified"));
        QCOMPARE(e.value(QLatin1String("taken_at")).toString(), takenAt);
        QCOMPARE(e.value(QLatin1String("bytes")).toInteger(), QFileInfo(path).size());
    }

    void verifyPassesWithAMatchingSidecar()
    {
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"), 5);
        QVERIFY(writeSidecar(path, Sha256::ofFile(path).value()));
        const CliResult r = CliRunner::run({QStringLiteral("verify"), path, QStringLiteral("--json")}, m_env);
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(r.json().value(QLatin1String("origin")).toString(), QStringLiteral("bot"));
        QCOMPARE(QFileInfo(r.json().value(QLatin1String("checksum_file")).toString()).fileName(),
                 QFileInfo(path).fileName() + QStringLiteral(".sha256"));
    }

    void verifyFailsNamingTheChecksumWhenTheSidecarDiffers()
    {
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"), 5);
        const QString wrong(64, QLatin1Char('0'));
        QVERIFY(writeSidecar(path, wrong));
        const CliResult r = CliRunner::run({QStringLiteral("verify"), path, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 2);
        const QJsonArray problems = r.json().value(QLatin1String("problems")).toArray();
        QCOMPARE(problems.size(), 1); // the copy itself is sound: integrity check and row counts pass
        const QString problem = problems.first().toString();
        QVERIFY2(problem.contains(QLatin1String("checksum mismatch")) && problem.contains(wrong) &&
                     problem.contains(QLatin1String(".sha256")),
                 qPrintable(problem));
    }

    void restoreWithoutYesPreviewsOnly()
    {
        const QString backup = botCopy(QStringLiteral("trading_20261204T1000Z.db"), 5);
        const QString live = liveStore(QStringLiteral("preview"));
        QVERIFY(SqliteFixture::createTradingStore(live, 8));
        const CliResult r = CliRunner::run(
            {QStringLiteral("restore"), backup, QStringLiteral("--db"), live, QStringLiteral("--json")}, m_env);
        QVERIFY2(r.exitCode == 1, qPrintable(errText(r)));
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("preview"));
        QCOMPARE(r.json().value(QLatin1String("impact")).toObject().value(QLatin1String("rows_lost")).toInteger(), 3);
        QCOMPARE(trades(live), 8);
    }

    void restoreWithYesTakesASafetyBackupAndSwaps()
    {
        const QString backup = botCopy(QStringLiteral("trading_20261204T1000Z.db"), 5);
        const QString live = liveStore(QStringLiteral("apply"));
        const QString safetyDir = m_home.filePath(QStringLiteral("safety"));
        QVERIFY(SqliteFixture::createTradingStore(live, 8));
        const CliResult r =
            CliRunner::run({QStringLiteral("restore"), backup, QStringLiteral("--db"), live, QStringLiteral("--yes"),
                            QStringLiteral("--safety-dir"), safetyDir, QStringLiteral("--json")},
                           m_env);
        QVERIFY2(r.exitCode == 0, qPrintable(errText(r)));
        QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("restored"));
        QVERIFY(r.json().value(QLatin1String("verified_after")).toBool());
        const QString safety =
            r.json().value(QLatin1String("safety_backup")).toObject().value(QLatin1String("path")).toString();
        QVERIFY2(QFileInfo(safety).isFile(), qPrintable(safety));
        QCOMPARE(trades(safety), 8); // the state before the restore, kept
        QCOMPARE(trades(live), 5);   // the bot's copy, now live
    }

    void restoreOfAnotherStoresCopyIsRefused()
    {
        const QString backup = botCopy(QStringLiteral("trading_20261204T1000Z.db"), 5); // backups/trading/…
        const QString dir = m_home.filePath(QStringLiteral("live-other/data/signals"));
        QVERIFY(QDir().mkpath(dir));
        const QString signalsDb = dir + QStringLiteral("/signals.db");
        QVERIFY(SqliteFixture::createTradingStore(signalsDb, 8));
        const CliResult r = CliRunner::run({QStringLiteral("restore"), backup, QStringLiteral("--db"), signalsDb,
                                            QStringLiteral("--yes"), QStringLiteral("--json")},
                                           m_env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(QLatin1String("looks like a backup of trading")), r.err.constData());
        QCOMPARE(trades(signalsDb), 8);
    }
};

QTEST_GUILESS_MAIN(TestCliBotBackups)
#include "tst_cli_botbackups.moc"
