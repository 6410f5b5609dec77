// The bot's own backups (seed 002: data/backups/<db_type>/<date>/): recognised by the timestamp in their name or a
// checksum beside them, listed in the catalog beside dbops's own (origin "bot"), verified against their sidecar,
// never pruned by dbops.
#include "maintenance/backupprune.h"
#include "ops/backupcatalog.h"
#include "ops/backupverifier.h"
#include "ops/botbackups.h"
#include "ops/sha256.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QDateTime utc(int h, int m, int s = 0) { return QDateTime(QDate(2026, 12, 4), QTime(h, m, s), Qt::UTC); }
QDateTime local(int h, int m, int s = 0) { return QDateTime(QDate(2026, 12, 4), QTime(h, m, s), Qt::LocalTime); }

} // namespace

class TestBotBackups : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    int m_n = 0;

    // A fresh folder data/backups/trading/2026-12-04/ with one bot copy named `name` (3 trades).
    QString botCopy(const QString &name, QString *root = nullptr)
    {
        const QString top = m_home.filePath(QStringLiteral("case%1/backups").arg(++m_n));
        const QString day = top + QStringLiteral("/trading/2026-12-04");
        if (!QDir().mkpath(day))
            return {};
        const QString path = day + QLatin1Char('/') + name;
        if (!SqliteFixture::createTradingStore(path, 3, false))
            return {};
        if (root)
            *root = top;
        return path;
    }
    QString sidecarFor(const QString &path, const QString &digest)
    {
        return writeText(path + QStringLiteral(".sha256"),
                         (digest + QStringLiteral("  ") + QFileInfo(path).fileName() + QLatin1Char('\n')).toUtf8())
                   ? path + QStringLiteral(".sha256")
                   : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("xdg-state")).toUtf8());
    }

    void timestampInName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QDateTime>("expected");
        QTest::addColumn<QString>("store");
        QTest::newRow("compact, Z") << "trading_20261204T1000Z.db" << utc(10, 0) << "trading";
        QTest::newRow("compact seconds, Z") << "trading_20261204T100005Z.db" << utc(10, 0, 5) << "trading";
        QTest::newRow("date_time") << "trading_20261204_100000.db" << local(10, 0) << "trading";
        QTest::newRow("dashed") << "trading-2026-12-04T10-00-00.db" << local(10, 0) << "trading";
        QTest::newRow("iso colons, Z") << "trading_2026-12-04T10:00:00Z.db" << utc(10, 0) << "trading";
        QTest::newRow("iso millis, offset") << "trading_2026-12-04T11:00:00.250+01:00.db" << utc(10, 0) << "trading";
        QTest::newRow("suffix after extension") << "trading.db.20261204_100000" << local(10, 0) << "trading";
        QTest::newRow("underscore date") << "signals_2026-12-04_10-30.sqlite" << local(10, 30) << "signals";
    }
    void timestampInName()
    {
        QFETCH(QString, name);
        QFETCH(QDateTime, expected);
        QFETCH(QString, store);
        const QString path = botCopy(name);
        QVERIFY(!path.isEmpty());
        const auto backup = BotBackups::identify(path);
        QVERIFY(backup.has_value());
        QCOMPARE(backup->takenAt, expected.toUTC());
        QVERIFY(backup->takenAtFromName);
        QCOMPARE(backup->store, store);
    }

    void aDateFolderCopyWithoutTimestampTakesItsModificationTime()
    {
        const QString path = botCopy(QStringLiteral("trading.db"));
        QVERIFY(!path.isEmpty());
        const auto backup = BotBackups::identify(path);
        QVERIFY(backup.has_value());
        QVERIFY(!backup->takenAtFromName);
        QCOMPARE(backup->takenAt, QFileInfo(path).lastModified().toUTC());
        QCOMPARE(backup->store, QStringLiteral("trading")); // the <db_type> folder above the date
    }

    void aStoreThatDoesNotSayItIsACopyIsNoBackup()
    {
        const QString dir = m_home.filePath(QStringLiteral("live"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(SqliteFixture::createTradingStore(dir + QStringLiteral("/trading.db"), 3));
        QVERIFY(!BotBackups::identify(dir + QStringLiteral("/trading.db")).has_value());
    }

    void catalogListsBotBackupsBesideDbopsOwn()
    {
        QString root;
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"), &root);
        QVERIFY(!path.isEmpty());
        auto entries = BackupCatalog::list(root);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 1);
        const QJsonObject json = entries->first().toJson();
        QCOMPARE(json.value(QLatin1String("origin")).toString(), QStringLiteral("bot"));
        QCOMPARE(json.value(QLatin1String("store")).toString(), QStringLiteral("trading"));
        QCOMPARE(json.value(QLatin1String("state")).toString(), QStringLiteral("unverified"));
        QCOMPARE(json.value(QLatin1String("path")).toString(), path);
        QCOMPARE(QDateTime::fromString(json.value(QLatin1String("taken_at")).toString(), Qt::ISODateWithMs),
                 utc(10, 0));
        QCOMPARE(json.value(QLatin1String("bytes")).toInteger(), QFileInfo(path).size());
    }

    void folderManifestGivesTheChecksum_data()
    {
        QTest::addColumn<QString>("shape"); // %1: file name, %2: digest
        QTest::newRow("name to digest") << R"({"%1": "%2"})";
        QTest::newRow("files list")
            << R"({"files": [{"name": "other.db", "sha256": "x"}, {"name": "%1", "sha256": "%2"}]})";
        QTest::newRow("array, path, prefixed") << R"([{"path": "backups/trading/%1", "checksum": "sha256:%2"}])";
    }
    void folderManifestGivesTheChecksum()
    {
        QFETCH(QString, shape);
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"));
        QVERIFY(!path.isEmpty());
        const QString digest = Sha256::ofFile(path).value();
        QVERIFY(writeText(QFileInfo(path).dir().filePath(QStringLiteral("manifest.json")),
                          shape.arg(QFileInfo(path).fileName(), digest).toUtf8()));
        QString source;
        QCOMPARE(BotBackups::expectedChecksum(path, &source), digest);
        QCOMPARE(QFileInfo(source).fileName(), QStringLiteral("manifest.json"));
    }

    void verifyPassesWithAMatchingSidecar()
    {
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"));
        QVERIFY(!sidecarFor(path, Sha256::ofFile(path).value()).isEmpty());
        VerifyOptions options;
        options.audit = false;
        auto report = BackupVerifier::verify(path, options, {});
        QVERIFY(report);
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QStringLiteral("; "))));
        QCOMPARE(report->origin, QStringLiteral("bot"));
        QCOMPARE(report->manifest.rowsOf(QStringLiteral("trades")), 3);       // what a restore checks itself against
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".manifest.json"))); // nothing written into the bot's folder
    }

    void verifyFailsNamingTheSidecarWhenTheChecksumDiffers()
    {
        const QString path = botCopy(QStringLiteral("trading_20261204T1000Z.db"));
        QVERIFY(!sidecarFor(path, QString(64, QLatin1Char('a'))).isEmpty());
        VerifyOptions options;
        options.audit = false;
        auto report = BackupVerifier::verify(path, options, {});
        QVERIFY(report);
        QVERIFY(!report->verified());
        QCOMPARE(report->problems.size(), 1); // the integrity check passed: only the checksum is wrong
        QVERIFY2(report->problems.first().contains(QLatin1String("checksum mismatch")) &&
                     report->problems.first().contains(QLatin1String("trading_20261204T1000Z.db.sha256")),
                 qPrintable(report->problems.first()));
    }

    void pruneNeverDeletesTheBotsBackups()
    {
        QString root;
        QVERIFY(!botCopy(QStringLiteral("trading_20261204T1000Z.db"), &root).isEmpty());
        auto entries = BackupCatalog::list(root);
        QVERIFY(entries);
        PruneRules rules;
        rules.keepLast = 0;
        rules.keepDays = 0;
        const PrunePlan plan = BackupPrune::decide(entries.value(), rules, utc(12, 0).addYears(1));
        QVERIFY(plan.toDelete().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBotBackups)
#include "tst_botbackups.moc"
