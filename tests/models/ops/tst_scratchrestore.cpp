// A restore from a scratch copy of its own (`restore --at` from a Litestream replica): the copy is checked as a
// fresh one (quick_check while the rows are counted, no checksum to compare with), a damaged one is still
// refused, and `--to NEW` gets the verified file itself, renamed — complete or not there at all, never over a
// file that appeared meanwhile; from another file system it is copied durably and checked in full.
#include "ops/restoreplan.h"
#include "ops/restoreservice.h"
#include "ops/sha256.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace dbops;
using dbops::test::SqliteFixture;

namespace {

constexpr int kRows = 3000;

qint64 trades(const QString &path)
{
    return SqliteFixture::scalar(path, QStringLiteral("SELECT count(*) FROM trades")).toLongLong();
}

QStringList entriesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

ino_t inodeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

} // namespace

class TestScratchRestore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_live;
    QString m_outDir;

    // A scratch copy named as `restore --at` names Litestream's output, in a private folder under `root`.
    QString makeScratch(const QString &root)
    {
        const QString dir = root + QStringLiteral("/scratch-") + QString::fromLatin1(QTest::currentTestFunction()) +
                            QLatin1Char('-') + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_');
        if (!QDir().mkpath(dir))
            return {};
        const QString path = dir + QStringLiteral("/trading_20261204T115700Z.db");
        return SqliteFixture::createTradingStore(path, kRows) ? path : QString();
    }
    RestoreRequest scratchRequest(const QString &scratch, const QString &to) const
    {
        RestoreRequest r;
        r.backupPath = scratch;
        r.toPath = to;
        r.backupIsScratch = true;
        return r;
    }
    static RestoreOptions confirmed(const RestorePlan &plan)
    {
        RestoreOptions o;
        o.confirmation = plan.confirmationName();
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        m_live = m_home.filePath(QStringLiteral("live/trading.db"));
        QVERIFY(QDir().mkpath(QFileInfo(m_live).path()));
        QVERIFY(SqliteFixture::createTradingStore(m_live, 5));
    }
    void init()
    {
        m_outDir = m_home.filePath(QStringLiteral("out-") + QString::fromLatin1(QTest::currentTestFunction()) +
                                   QLatin1Char('-') + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_'));
        QVERIFY(QDir().mkpath(m_outDir));
    }

    void freshScratchIsVerifiedWithItsRowsCounted()
    {
        const QString scratch = makeScratch(m_home.path());
        QVERIFY(!scratch.isEmpty());
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live),
                                         scratchRequest(scratch, m_outDir + QStringLiteral("/new.db")), {});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().oneLine()));
        QVERIFY(plan->verify.verified());
        bool counted = false;
        for (const TableImpact &t : plan->impact.tables)
            if (t.name == QLatin1String("trades")) {
                QCOMPARE(t.rowsBackup, kRows);
                counted = true;
            }
        QVERIFY(counted);
    }

    void damagedScratchIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("page header") << QStringLiteral("page");
        QTest::newRow("truncated") << QStringLiteral("truncate");
        QTest::newRow("record bytes") << QStringLiteral("record"); // counting the rows does not notice this one
    }
    void damagedScratchIsRefused()
    {
        QFETCH(QString, damage);
        const QString scratch = makeScratch(m_home.path());
        QVERIFY(!scratch.isEmpty());
        // A leaf page of trades: the end of its cell content area holds a row's record.
        const qint64 leaf = SqliteFixture::scalar(scratch, QStringLiteral("SELECT max(pageno) FROM dbstat WHERE "
                                                                          "name = 'trades' AND pagetype = 'leaf'"))
                                .toLongLong();
        QVERIFY(leaf > 1);
        QFile f(scratch);
        QVERIFY(f.open(QIODevice::ReadWrite));
        if (damage == QLatin1String("record")) {
            QVERIFY(f.seek(leaf * 4096 - 40));
            QVERIFY(f.write(QByteArray(40, '\xff')) == 40);
        } else if (damage == QLatin1String("truncate")) {
            QVERIFY(f.resize(f.size() / 2));
        } else { // the last page's b-tree header: a page type that does not exist
            QVERIFY(f.seek(f.size() - 4096));
            QVERIFY(f.write(QByteArray(8, '\x5a')) == 8);
        }
        f.close();
        const QString to = m_outDir + QStringLiteral("/new.db");
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), scratchRequest(scratch, to), {});
        QVERIFY(!plan);
        QCOMPARE(plan.error().code, ErrorCode::Refused);
        QVERIFY2(plan.error().message.contains(QLatin1String("failed verification")), qPrintable(plan.error().message));
        if (damage == QLatin1String("record"))
            QVERIFY2(plan.error().message.contains(QLatin1String("quick check")), qPrintable(plan.error().message));
        QVERIFY(entriesIn(m_outDir).isEmpty());
    }

    void scratchIsRenamedIntoTheNewFile()
    {
        const QString scratch = makeScratch(m_outDir); // the same file system as the new file, as the CLI does
        QVERIFY(!scratch.isEmpty());
        const ino_t verified = inodeOf(scratch);
        const QString before = Sha256::ofFile(scratch).value();
        const QString to = m_outDir + QStringLiteral("/new.db");
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), scratchRequest(scratch, to), {});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().oneLine()));
        const RestoreResult r = RestoreService::apply(plan.value(), confirmed(plan.value()), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QVERIFY(!r.hasSafetyBackup);
        QVERIFY(!QFileInfo::exists(scratch));
        QCOMPARE(inodeOf(to), verified); // the very file that was verified, not a copy of it
        QCOMPARE(Sha256::ofFile(to).value(), before);
        QCOMPARE(trades(to), kRows);
    }

    void newFileThatAppearedMeanwhileIsKept()
    {
        const QString scratch = makeScratch(m_outDir);
        QVERIFY(!scratch.isEmpty());
        const QString to = m_outDir + QStringLiteral("/new.db");
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), scratchRequest(scratch, to), {});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().oneLine()));
        QFile other(to);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("someone else's file");
        other.close();
        const RestoreResult r = RestoreService::apply(plan.value(), confirmed(plan.value()), {});
        QVERIFY(!r.ok());
        QVERIFY(r.status != RestoreResult::Status::Restored);
        QFile kept(to);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("someone else's file"));
        QVERIFY(QFileInfo::exists(scratch)); // nothing moved
    }

    void scratchOnAnotherFileSystemIsCopiedAndCheckedInFull()
    {
        QTemporaryDir shm(QStringLiteral("/dev/shm/dbops-test-XXXXXX"));
        QVERIFY2(shm.isValid(), "a tmpfs at /dev/shm (another file system than the test's folder)");
        const QString scratch = makeScratch(shm.path());
        QVERIFY(!scratch.isEmpty());
        const QString to = m_outDir + QStringLiteral("/new.db");
        auto plan = RestorePlanner::plan(Target::sqliteFile(m_live), scratchRequest(scratch, to), {});
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().oneLine()));
        const RestoreResult r = RestoreService::apply(plan.value(), confirmed(plan.value()), {});
        QVERIFY2(r.ok(), qPrintable(r.error.oneLine()));
        QCOMPARE(trades(to), kRows);
        for (const QString &name : entriesIn(m_outDir)) // no partial file of the copy left behind
            QVERIFY2(name.startsWith(QLatin1String("new.db")), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestScratchRestore)
#include "tst_scratchrestore.moc"
