// WriterActivity on real SQLite files: processes holding the file, a held write lock, lock files.
#include "connection/filelocks.h"
#include "probe/writeractivity.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace dbops;
using dbops::test::SqliteFixture;
using Kind = WriterEvidence::Kind;

namespace {

int countKind(const QList<WriterEvidence> &list, Kind kind)
{
    int n = 0;
    for (const WriterEvidence &w : list)
        n += w.kind == kind ? 1 : 0;
    return n;
}

const WriterEvidence *findKind(const QList<WriterEvidence> &list, Kind kind)
{
    for (const WriterEvidence &w : list)
        if (w.kind == kind)
            return &w;
    return nullptr;
}

// A child process that holds `path` open for reading (like a bot's connection would) until killed.
bool startHolder(QProcess &p, const QString &path)
{
    p.start(QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("exec 3<\"$0\"; echo ready; exec sleep 60"), path});
    if (!(p.waitForStarted() && p.waitForReadyRead(5000) && p.readAll().startsWith("ready")))
        return false;
    // "ready" comes before bash has exec'd sleep: wait until the process is sleep, as its name is asserted.
    QFile comm(QStringLiteral("/proc/%1/comm").arg(p.processId()));
    return QTest::qWaitFor(
        [&] {
            comm.open(QIODevice::ReadOnly);
            const bool isSleep = comm.readAll().trimmed() == "sleep";
            comm.close();
            return isSleep;
        },
        5000);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestWriterActivity : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void init()
    {
        m_db = m_dir.filePath(
            QStringLiteral("%1-%2/trading.db")
                .arg(QString::fromLatin1(QTest::currentTestFunction()),
                     QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'))));
        QDir().mkpath(QFileInfo(m_db).absolutePath());
        QVERIFY(SqliteFixture::createTradingStore(m_db, 5, true));
    }

    void quietStoreHasNoWriters()
    {
        const WriterReport r = WriterActivity::probeSqlite(m_db);
        QVERIFY2(!r.writing(), qPrintable(r.describe().join(QLatin1Char('\n'))));
        QVERIFY(r.stale.isEmpty());
    }

    void processHoldingTheDatabaseIsNamed_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("database") << QString();
        QTest::newRow("wal") << QStringLiteral("-wal");
    }
    void processHoldingTheDatabaseIsNamed()
    {
        QFETCH(QString, suffix);
        if (!suffix.isEmpty())
            writeFile(m_db + suffix, {}); // an empty -wal, as a bot's open WAL connection leaves after a checkpoint
        QProcess holder;
        QVERIFY(startHolder(holder, m_db + suffix));
        const qint64 pid = holder.processId();
        const WriterReport r = WriterActivity::probeSqlite(m_db);
        holder.kill();
        holder.waitForFinished();
        const WriterEvidence *w = findKind(r.writers, Kind::OpenFile);
        QVERIFY2(w, qPrintable(r.describe().join(QLatin1Char('\n'))));
        QCOMPARE(w->pids, QList<qint64>{pid});
        QVERIFY2(w->detail.contains(QFileInfo(m_db + suffix).fileName()), qPrintable(w->detail));
        QVERIFY2(w->detail.contains(QLatin1String("(read-only)")), qPrintable(w->detail));
        QVERIFY(r.writing());
    }

    void ownProcessIsNotAWriter()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("own"));
        db.setDatabaseName(m_db);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("SELECT count(*) FROM trades"));
        const WriterReport r = WriterActivity::probeSqlite(m_db);
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("own"));
        QCOMPARE(countKind(r.writers, Kind::OpenFile), 0);
    }

    void heldWriteLockIsDetected_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("wal") << true;
        QTest::newRow("rollback journal") << false;
    }
    void heldWriteLockIsDetected()
    {
        QFETCH(bool, wal);
        const QString path = m_db + (wal ? QStringLiteral(".wal.db") : QStringLiteral(".rb.db"));
        QVERIFY(SqliteFixture::createTradingStore(path, 5, wal));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO trades (symbol) VALUES ('X')")));
            const WriterReport held = WriterActivity::probeSqlite(path);
            const WriterEvidence *w = findKind(held.writers, Kind::WriteLock);
            QVERIFY2(w, qPrintable(held.describe().join(QLatin1Char('\n')) + held.notes.join(QLatin1Char('\n'))));
            QVERIFY(w->describe().contains(QLatin1String("write")));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            const WriterReport released = WriterActivity::probeSqlite(path);
            QCOMPARE(countKind(released.writers, Kind::WriteLock), 0);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
    }

    void probeLeavesNoLockAndNoChange()
    {
        const QByteArray before = [&] {
            QFile f(m_db);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QVERIFY(!WriterActivity::writeLockHeld(m_db));
        // Right after the probe a writer with no busy timeout gets the lock at once.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("after"));
        db.setDatabaseName(m_db);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        q = QSqlQuery();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("after"));
        QFile f(m_db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void liveLockFileIsAWriter()
    {
        // A bot holding its lock the way seed 002's do: flock on the file, its PID inside.
        const QString lock = QFileInfo(m_db).absolutePath() + QStringLiteral("/.writer.lock");
        QProcess holder;
        holder.start(QStringLiteral("flock"), {lock, QStringLiteral("sleep"), QStringLiteral("60")});
        QVERIFY(holder.waitForStarted());
        const qint64 pid = holder.processId();
        QTRY_VERIFY(!FileLocks::holders(lock).isEmpty());
        writeFile(lock, QByteArray::number(pid));
        const WriterReport r = WriterActivity::probeSqlite(m_db);
        holder.kill();
        holder.waitForFinished();
        const WriterEvidence *w = findKind(r.writers, Kind::LockFile);
        QVERIFY(w);
        QCOMPARE(w->name, QStringLiteral(".writer.lock"));
        QCOMPARE(w->pids, QList<qint64>{pid});
        QVERIFY(!w->stale);
    }

    void staleLockFileIsReportedNotCounted()
    {
        QProcess gone;
        gone.start(QStringLiteral("sleep"), {QStringLiteral("0")});
        QVERIFY(gone.waitForStarted());
        const qint64 pid = gone.processId();
        QVERIFY(gone.waitForFinished());
        writeFile(QFileInfo(m_db).absolutePath() + QStringLiteral("/bot.lock"),
                  "pid=" + QByteArray::number(pid) + '\n');
        const WriterReport r = WriterActivity::probeSqlite(m_db);
        QVERIFY2(!r.writing(), qPrintable(r.describe().join(QLatin1Char('\n'))));
        QCOMPARE(r.stale.size(), 1);
        QVERIFY(r.stale.first().stale);
        QCOMPARE(r.stale.first().pids, QList<qint64>{pid});
        QVERIFY(r.stale.first().describe().contains(QLatin1String("dead")));
        QCOMPARE(r.staleJson().size(), 1);
    }

    void dataDirectoryReportsALockFileOnce()
    {
        const QString folder = QFileInfo(m_db).absolutePath();
        QVERIFY(SqliteFixture::createTradingStore(folder + QStringLiteral("/signals.db"), 2, true));
        const QString lock = folder + QStringLiteral("/.writer.lock");
        QProcess holder;
        holder.start(QStringLiteral("flock"), {lock, QStringLiteral("sleep"), QStringLiteral("60")});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY(!FileLocks::holders(lock).isEmpty());
        writeFile(lock, QByteArray::number(holder.processId()));
        const Expected<WriterReport> r = WriterActivity::probe(Target::dataDir(folder));
        holder.kill();
        holder.waitForFinished();
        QVERIFY(r);
        QCOMPARE(countKind(r->writers, Kind::LockFile), 1);
    }

    void jsonNamesEachWriter()
    {
        QProcess holder;
        QVERIFY(startHolder(holder, m_db));
        const qint64 pid = holder.processId();
        const Expected<WriterReport> r = WriterActivity::probe(Target::sqliteFile(m_db));
        holder.kill();
        holder.waitForFinished();
        QVERIFY(r);
        const QJsonArray json = r->toJson();
        QCOMPARE(json.size(), 1);
        const QJsonObject w = json.first().toObject();
        QCOMPARE(w.value(QLatin1String("kind")).toString(), QStringLiteral("open_file"));
        QCOMPARE(w.value(QLatin1String("name")).toString(), QStringLiteral("sleep"));
        QCOMPARE(w.value(QLatin1String("pids")).toArray().first().toInteger(), pid);
    }
};

QTEST_GUILESS_MAIN(TestWriterActivity)
#include "tst_writeractivity.moc"
