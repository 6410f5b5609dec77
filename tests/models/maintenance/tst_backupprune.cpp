// Backup pruning on real backups (BackupService copies of a real store, ages set in their manifests): keep the
// newest N, keep D days, the newest verified backup of each store always stays — even older than D days —
// stores are judged apart, the preview deletes nothing, apply removes backup and manifest and audits it.
#include "maintenance/backupprune.h"
#include "ops/backupservice.h"
#include "pitrrecord.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

struct Made {
    QString path;
    double ageDays;
    bool verified;
};

const PruneDecision *decisionFor(const PrunePlan &plan, const QString &path)
{
    for (const PruneDecision &d : plan.decisions)
        if (d.entry.path == path)
            return &d;
    return nullptr;
}

} // namespace

class TestBackupPrune : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_dir;
    QList<Made> m_made; // oldest first
    AuditLog audit() const { return AuditLog(m_home.filePath(QStringLiteral("audit.db"))); }

    // A real backup of `store`, then its manifest dated `ageDays` ago (and marked verified when asked).
    QString backup(const QString &store, double ageDays, bool verified, const QString &kind = QStringLiteral("backup"))
    {
        QTest::qWait(5); // distinct backup names
        BackupRequest request;
        request.outDir = m_dir;
        request.audit = false;
        request.kind = kind;
        auto r = BackupService::backup(Target::sqliteFile(store), request, {});
        if (!r) {
            qWarning() << r.error().oneLine();
            return {};
        }
        BackupManifest m = r->manifest;
        m.createdAt = QDateTime::currentDateTimeUtc().addSecs(qint64(-ageDays * 86400));
        if (verified) {
            m.verification.state = Verification::State::Verified;
            m.verification.at = QDateTime::currentDateTimeUtc();
        }
        if (Error e = m.write(r->manifestPath))
            qWarning() << e.oneLine();
        m_made << Made{r->path, ageDays, verified};
        return r->path;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        m_dir = m_home.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        m_made.clear();
        const QString trading = m_home.filePath(QStringLiteral("trading.db"));
        if (!QFile::exists(trading))
            QVERIFY(SqliteFixture::createTradingStore(trading, 50));
        QVERIFY(!backup(trading, 10, true).isEmpty()); // old, the only verified one
        QVERIFY(!backup(trading, 9, false).isEmpty());
        QVERIFY(!backup(trading, 8, false).isEmpty());
        QVERIFY(!backup(trading, 0.05, false).isEmpty());
    }

    void keepsTheNewestVerifiedBackupEvenWhenOlderThanTheDays()
    {
        PruneRules rules;
        rules.keepDays = 7;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        QCOMPARE(plan->decisions.size(), 4);
        const PruneDecision *oldVerified = decisionFor(plan.value(), m_made[0].path);
        QVERIFY(oldVerified);
        QVERIFY(oldVerified->keep);
        QVERIFY(oldVerified->reasons.first().contains(QStringLiteral("newest verified")));
        QVERIFY(!decisionFor(plan.value(), m_made[1].path)->keep);
        QVERIFY(!decisionFor(plan.value(), m_made[2].path)->keep);
        QVERIFY(decisionFor(plan.value(), m_made[2].path)->reasons.first().contains(QStringLiteral("older than 7")));
        QVERIFY(decisionFor(plan.value(), m_made[3].path)->keep);
        QCOMPARE(plan->toDelete().size(), 2);
        QCOMPARE(plan->toJson().value(QStringLiteral("delete_count")).toInt(), 2);
    }

    void keepLastKeepsTheNewestAndTheVerified()
    {
        PruneRules rules;
        rules.keepLast = 1;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY(plan);
        QVERIFY(decisionFor(plan.value(), m_made[3].path)->keep);
        QVERIFY(decisionFor(plan.value(), m_made[0].path)->keep);
        QVERIFY(!decisionFor(plan.value(), m_made[1].path)->keep);
        QVERIFY(!decisionFor(plan.value(), m_made[2].path)->keep);
    }

    // The undo of a recent restore or cleanup survives even rules that keep nothing else; a week on, it goes.
    void aRecentSafetyBackupIsKeptWhateverTheRules()
    {
        const QString trading = m_home.filePath(QStringLiteral("trading.db"));
        const QString recent = backup(trading, 2, false, QStringLiteral("safety"));
        const QString old = backup(trading, 9, false, QStringLiteral("safety"));
        PruneRules rules;
        rules.keepLast = 0;
        rules.keepDays = 0;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY2(plan, qPrintable(plan.error().oneLine()));
        const PruneDecision *kept = decisionFor(plan.value(), recent);
        QVERIFY(kept && kept->keep);
        QVERIFY2(kept->reasons.first().contains(QStringLiteral("safety backup")), qPrintable(kept->reasons.first()));
        QVERIFY(!decisionFor(plan.value(), old)->keep);
    }

    void eitherRuleKeeps()
    {
        PruneRules rules;
        rules.keepLast = 2; // keeps 0.05 d and 8 d
        rules.keepDays = 7; // would delete 8 d
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY(plan);
        QCOMPARE(plan->toDelete().size(), 1);
        QCOMPARE(plan->toDelete().first()->entry.path, m_made[1].path);
    }

    void storesAreJudgedApart()
    {
        const QString signalsDb = m_home.filePath(QStringLiteral("signals.db"));
        QVERIFY(SqliteFixture::createTradingStore(signalsDb, 5));
        const QString oldSignals = backup(signalsDb, 20, false);
        PruneRules rules;
        rules.keepLast = 1;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY(plan);
        // The only backup of signals.db is the newest of its store, whatever the trading backups are.
        QVERIFY(decisionFor(plan.value(), oldSignals)->keep);
        rules.store = QStringLiteral("signals");
        plan = BackupPrune::plan(m_dir, rules);
        QVERIFY(plan);
        QVERIFY(plan->toDelete().isEmpty()); // the trading backups are another store's: not judged
    }

    void previewDeletesNothingAndApplyRemovesBackupAndManifest()
    {
        PruneRules rules;
        rules.keepDays = 7;
        QVERIFY(BackupPrune::plan(m_dir, rules));
        for (const Made &m : m_made)
            QVERIFY(QFile::exists(m.path));
        auto result = BackupPrune::apply(m_dir, rules, {}, audit());
        QVERIFY2(result, qPrintable(result.error().oneLine()));
        QCOMPARE(result->deleted(), 2);
        QCOMPARE(result->failed(), 0);
        QVERIFY(result->bytesFreed() > 0);
        for (int i : {1, 2}) {
            QVERIFY(!QFile::exists(m_made[i].path));
            QVERIFY(!QFile::exists(BackupManifest::pathFor(m_made[i].path)));
        }
        for (int i : {0, 3})
            QVERIFY(QFile::exists(m_made[i].path));
        auto records = audit().recent(5);
        QVERIFY(records);
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->first().action, QStringLiteral("prune-backup"));
        QCOMPARE(records->first().outcome, QStringLiteral("ok"));
    }

    void applyDeletesOnlyWhatWasConfirmed()
    {
        PruneRules rules;
        rules.keepDays = 7;
        auto result = BackupPrune::apply(m_dir, rules, {m_made[1].path}, audit());
        QVERIFY(result);
        QCOMPARE(result->deleted(), 1);
        QVERIFY(!QFile::exists(m_made[1].path));
        QVERIFY(QFile::exists(m_made[2].path));
    }

    void noRuleIsAUsageError()
    {
        auto plan = BackupPrune::plan(m_dir, PruneRules{});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Usage);
    }

    void unreadableManifestIsNeverDeleted()
    {
        const QString junk = m_dir + QStringLiteral("/junk.db");
        QFile f(junk + QStringLiteral(".manifest.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{not json");
        f.close();
        PruneRules rules;
        rules.keepLast = 0;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY(plan);
        const PruneDecision *d = decisionFor(plan.value(), junk);
        QVERIFY(d);
        QVERIFY(d->keep);
    }

    // The record is all dbops has of a pgBackRest backup; deleting it would hide a backup pgBackRest still keeps.
    void aPgBackRestRecordIsNeverPruned()
    {
        const QString record = dbops::test::PitrRecord::write(m_dir, 40);
        QVERIFY(!record.isEmpty());
        PruneRules rules;
        rules.keepLast = 0;
        rules.keepDays = 1;
        auto plan = BackupPrune::plan(m_dir, rules);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().oneLine()));
        const PruneDecision *d = decisionFor(plan.value(), record);
        QVERIFY(d);
        QVERIFY(d->keep);
        QVERIFY2(d->reasons.join(QLatin1Char(' ')).contains(QLatin1String("retention is pgBackRest's")),
                 qPrintable(d->reasons.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestBackupPrune)
#include "tst_backupprune.moc"
