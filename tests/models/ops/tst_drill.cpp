// Restore drills of SQLite backups: a good backup passes and becomes "proven"; each kind of damage fails the
// check that names it; the live store and the scratch folder are left as they were; probes and profile keys.
#include "filesnapshot.h"
#include "ops/backupcatalog.h"
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "ops/drill.h"
#include "ops/drillsettings.h"
#include "ops/sha256.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::FileSnapshot;
using dbops::test::SqliteFixture;

class TestDrill : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_source;
    int m_n = 0;

    QString dir(const QString &name) { return m_home.filePath(name); }

    BackupResult backupOf(const QString &store, const QString &outDir)
    {
        auto r = BackupService::backup(Target::sqliteFile(store), BackupRequest{outDir}, {});
        if (!r)
            qFatal("backup failed: %s", qPrintable(r.error().oneLine()));
        return r.value();
    }
    BackupResult freshBackup() { return backupOf(m_source, dir(QStringLiteral("b%1").arg(++m_n))); }

    DrillRequest requestFor(const QString &backup, const QStringList &probes = {})
    {
        DrillRequest request;
        request.target = Target::sqliteFile(m_source);
        request.backupPath = backup;
        request.probes = probes;
        request.scratchDir = dir(QStringLiteral("scratch"));
        QDir().mkpath(request.scratchDir);
        return request;
    }
    static const DrillCheck *check(const DrillResult &r, const QString &name)
    {
        for (const DrillCheck &c : r.checks)
            if (c.name == name)
                return &c;
        return nullptr;
    }
    static void setManifestRows(const QString &manifest, const QString &table, qint64 rows)
    {
        QFile f(manifest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray tables = o.value(QLatin1String("tables")).toArray();
        for (int i = 0; i < tables.size(); ++i) {
            QJsonObject t = tables[i].toObject();
            if (t.value(QLatin1String("name")).toString() == table)
                t.insert(QStringLiteral("rows"), rows);
            tables[i] = t;
        }
        o.insert(QStringLiteral("tables"), tables);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(o).toJson());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", dir(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", dir(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", dir(QStringLiteral("config")).toUtf8());
        m_source = dir(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_source, 3000));
    }

    void goodBackupPassesEveryCheck()
    {
        const BackupResult b = freshBackup();
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QVERIFY2(r->passed(), qPrintable(r->problems.join(QLatin1Char('\n'))));
        QVERIFY(r->countsMatch);
        QCOMPARE(r->tables.size(), b.manifest.tables.size());
        for (const char *name : {"restore", "integrity", "foreign_keys", "row_counts"}) {
            const DrillCheck *c = check(r.value(), QString::fromLatin1(name));
            QVERIFY2(c && c->ok, name);
        }
    }

    // Never verified: the drill runs the full integrity check itself and renews the verification.
    void anUnverifiedBackupGetsTheFullIntegrityCheck()
    {
        const BackupResult b = freshBackup();
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(r && r->passed());
        QCOMPARE(check(r.value(), QStringLiteral("integrity"))->detail, QStringLiteral("integrity check: ok"));
        const BackupManifest m = BackupManifest::read(b.manifestPath).value();
        QCOMPARE(m.verification.state, Verification::State::Verified);
        QCOMPARE(m.verification.at, r->at);
    }

    // The full check passed on these very bytes: the restored copy gets the quick check, and the verification
    // keeps the date of the full one.
    void aVerifiedBackupGetsTheQuickCheck()
    {
        const BackupResult b = freshBackup();
        auto verified = BackupVerifier::verify(b.path, VerifyOptions{}, {});
        QVERIFY(verified && verified->verified());
        const QDateTime fullCheck = BackupManifest::read(b.manifestPath)->verification.at;
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY2(r && r->passed(), qPrintable(r ? r->problems.join(QLatin1Char('\n')) : r.error().oneLine()));
        const DrillCheck *integrity = check(r.value(), QStringLiteral("integrity"));
        QVERIFY2(integrity->detail.startsWith(QStringLiteral("quick check of the restored copy: ok")),
                 qPrintable(integrity->detail));
        QCOMPARE(BackupManifest::read(b.manifestPath)->verification.at, fullCheck);
        QVERIFY(BackupCatalog::entryFor(b.manifestPath).proven());
    }

    // A page damaged under a manifest that vouches for it (checksum and verdict rewritten to match): the quick
    // check of the restored copy still finds it.
    void damageUnderAVerifiedManifestFailsTheIntegrityCheck()
    {
        const BackupResult b = freshBackup();
        QVERIFY(BackupVerifier::verify(b.path, VerifyOptions{}, {}));
        QFile f(b.path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write(QByteArray(512, '\x22'));
        f.close();
        BackupManifest m = BackupManifest::read(b.manifestPath).value();
        m.sha256 = Sha256::ofFile(b.path).value();
        QVERIFY(!m.write(b.manifestPath));
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(r);
        QVERIFY(check(r.value(), QStringLiteral("restore"))->ok);
        QVERIFY(!check(r.value(), QStringLiteral("integrity"))->ok);
        QVERIFY(!r->passed());
    }

    void passedDrillMakesTheBackupProvenInTheCatalog()
    {
        const BackupResult b = freshBackup();
        QVERIFY(RestoreDrill::run(requestFor(b.path), {}));
        const CatalogEntry e = BackupCatalog::entryFor(b.manifestPath);
        QCOMPARE(e.stateName(), QStringLiteral("proven"));
        QVERIFY(e.manifest.drill.passed);
        QVERIFY(e.manifest.drill.countsMatch);
        QCOMPARE(e.manifest.drill.tables, int(b.manifest.tables.size()));
        QVERIFY(e.manifest.drill.at.isValid());
        QCOMPARE(e.toJson().value(QLatin1String("drill")).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("passed"));
    }

    void liveStoreIsLeftByteForByte()
    {
        const BackupResult b = freshBackup();
        const auto before = FileSnapshot::of(m_home.path());
        QVERIFY(RestoreDrill::run(requestFor(b.path), {}));
        QStringList changed = FileSnapshot::differences(before, FileSnapshot::of(m_home.path()));
        QVERIFY2(changed.filter(QStringLiteral("trading.db")).isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

    void scratchCopyIsRemoved()
    {
        const BackupResult b = freshBackup();
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(r);
        QVERIFY(r->scratchRemoved);
        QVERIFY(!QFileInfo::exists(r->scratch));
        QVERIFY(QDir(dir(QStringLiteral("scratch"))).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }

    void damagedBackupFailsItsRestore()
    {
        const BackupResult b = freshBackup();
        QFile f(b.path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write(QByteArray(512, '\x22'));
        f.close();
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(r);
        QVERIFY(!r->passed());
        QVERIFY(!check(r.value(), QStringLiteral("restore"))->ok);
        QVERIFY(!BackupCatalog::entryFor(b.manifestPath).proven());
    }

    void rowCountsThatDifferFromTheManifestFail()
    {
        const BackupResult b = freshBackup();
        setManifestRows(b.manifestPath, QStringLiteral("trades"), 2999);
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(r);
        QVERIFY(!r->passed());
        QVERIFY(!r->countsMatch);
        QVERIFY2(check(r.value(), QStringLiteral("row_counts"))->detail.contains(QLatin1String("trades has 3000 rows")),
                 qPrintable(check(r.value(), QStringLiteral("row_counts"))->detail));
    }

    void orphanedForeignKeyRowsFail()
    {
        const QString store = dir(QStringLiteral("orphans.db"));
        QVERIFY(SqliteFixture::create(store, {QStringLiteral("CREATE TABLE bots(id INTEGER PRIMARY KEY)"),
                                              QStringLiteral("CREATE TABLE trades(id INTEGER PRIMARY KEY, bot_id "
                                                             "INTEGER REFERENCES bots(id))"),
                                              QStringLiteral("INSERT INTO trades VALUES (1, 42)")}));
        const BackupResult b = backupOf(store, dir(QStringLiteral("orphans")));
        DrillRequest request = requestFor(b.path);
        request.target = Target::sqliteFile(store);
        auto r = RestoreDrill::run(request, {});
        QVERIFY(r);
        QVERIFY(!r->passed());
        QVERIFY(!check(r.value(), QStringLiteral("foreign_keys"))->ok);
        QVERIFY(r->countsMatch);
    }

    void probes_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("passes");
        QTest::newRow("a row") << "SELECT count(*), max(id) FROM trades" << true;
        QTest::newRow("no row") << "SELECT id FROM trades WHERE id < 0" << false;
        QTest::newRow("does not run") << "SELECT nothing FROM nowhere" << false;
    }
    void probes()
    {
        QFETCH(QString, sql);
        QFETCH(bool, passes);
        const BackupResult b = freshBackup();
        auto r = RestoreDrill::run(requestFor(b.path, {sql}), {});
        QVERIFY(r);
        QCOMPARE(r->passed(), passes);
        QCOMPARE(check(r.value(), QStringLiteral("probe"))->ok, passes);
    }

    void latestIsTheNewestBackupOfThisStore()
    {
        const QString folder = dir(QStringLiteral("shared"));
        const QString other = dir(QStringLiteral("other.db"));
        QVERIFY(SqliteFixture::createTradingStore(other, 5));
        const BackupResult mine = backupOf(m_source, folder);
        backupOf(other, folder); // newer, of another store
        auto latest = RestoreDrill::latestBackup(Target::sqliteFile(m_source), folder);
        QVERIFY2(latest, qPrintable(latest ? QString() : latest.error().oneLine()));
        QCOMPARE(latest.value(), mine.path);
    }

    void backupOfAnotherStoreIsRefusedAndNotRecorded()
    {
        const QString other = dir(QStringLiteral("another.db"));
        QVERIFY(SqliteFixture::createTradingStore(other, 5));
        const BackupResult b = backupOf(other, dir(QStringLiteral("another")));
        auto r = RestoreDrill::run(requestFor(b.path), {});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Refused);
        QVERIFY2(r.error().message.contains(QLatin1String("does not belong to this store")),
                 qPrintable(r.error().oneLine()));
        QVERIFY(!BackupCatalog::entryFor(b.manifestPath).manifest.drill.done()); // no verdict recorded
    }

    void noBackupCannotRun()
    {
        DrillRequest request = requestFor({});
        request.backupDir = dir(QStringLiteral("empty"));
        QDir().mkpath(request.backupDir);
        auto r = RestoreDrill::run(request, {});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }

    void profileKeysGiveProbesAndThresholds()
    {
        // As an operator writes it by hand: the probe's commas unquoted.
        const QString file = dir(QStringLiteral("profiles.ini"));
        QFile ini(file);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral("[drilled]\nkind=sqlite_file\npath=%1\n"
                                 "drill_probe=SELECT count(*), max(id) FROM trades\n"
                                 "drill_warn_days=2\ndrill_critical_days=3\n")
                      .arg(m_source)
                      .toUtf8());
        ini.close();
        const DrillSettings s = DrillSettings::forProfile(QStringLiteral("drilled"), file);
        QCOMPARE(s.probes, QStringList{QStringLiteral("SELECT count(*), max(id) FROM trades")});
        QCOMPARE(s.warnDays, 2.0);
        QCOMPARE(s.criticalDays, 3.0);
    }
};

QTEST_GUILESS_MAIN(TestDrill)
#include "tst_drill.moc"
