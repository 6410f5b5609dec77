// A password given in the URL (`--db postgresql://user:PASSWORD@…`) reaches pg_dump and pg_restore without
// being written to a disk: `dbops backup` and `dbops restore` killed with SIGKILL at random moments leave it
// nowhere under /tmp, TMPDIR, HOME or dbops' state and backup folders. A password folder an earlier version
// left behind after such a kill is removed by the next run, unless a dbops program that could own it runs.
#include "clirunner.h"
#include "connection/connector.h"
#include "pgtestserver.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kDb = QStringLiteral("dbops_cli_secrets");
constexpr int kKills = 6; // per command

// The session id of process `pid` (field 6 of /proc/PID/stat), -1 when it is gone or a zombie.
qint64 sessionOf(const QString &pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = f.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 3 && fields.at(0) != "Z" ? fields.at(3).toLongLong() : -1;
}

bool sessionAlive(qint64 sid)
{
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return std::any_of(pids.begin(), pids.end(), [&](const QString &pid) { return sessionOf(pid) == sid; });
}

// Regular files under `root` (modified at or after `since`, when given) whose bytes hold `needle`.
QStringList filesHolding(const QString &root, const QByteArray &needle, const QStringList &skip,
                         const QDateTime &since = {})
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (std::any_of(skip.begin(), skip.end(), [&](const QString &s) { return path.startsWith(s); }) ||
            (since.isValid() && info.lastModified() < since) || info.size() > (qint64(256) << 20))
            continue;
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            found << path;
    }
    return found;
}

bool backdate(const QString &path, int seconds)
{
    struct timeval times[2];
    gettimeofday(&times[0], nullptr);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    return utimes(QFile::encodeName(path).constData(), times) == 0;
}

} // namespace

class TestPgCliSecrets : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir; // HOME, XDG folders, TMPDIR and the backups of every dbops run here
    QProcessEnvironment m_env;
    QString m_password;
    QDateTime m_started;
    QString m_backup; // a complete backup, for the restores

    QString tmpDir() const { return m_dir.filePath(QStringLiteral("tmp")); }
    QString outDir() const { return m_dir.filePath(QStringLiteral("backups")); }
    QString url() const
    {
        const Target t = PgTestServer::target(kDb);
        return QStringLiteral("postgresql://%1:%2@%3:%4/%5")
            .arg(t.pg.user, m_password, t.pg.host)
            .arg(t.pg.port)
            .arg(kDb);
    }
    QStringList backupArgs() const
    {
        return {QStringLiteral("backup"), QStringLiteral("--db"), url(), QStringLiteral("--out"), outDir()};
    }
    QStringList restoreArgs() const
    {
        return {QStringLiteral("restore"), m_backup, QStringLiteral("--db"), url(), QStringLiteral("--yes"),
                QStringLiteral("--force")};
    }

    // Runs dbops in a session of its own, SIGKILLs it after `delayMs` (when it still runs), then waits for the
    // pg_dump / pg_restore it may have left running, so whatever they would leave is there to be found.
    void killAfter(const QStringList &args, int delayMs)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setChildProcessModifier([] { ::setsid(); });
        p.start(QStringLiteral(DBOPS_CLI_PATH), args);
        QVERIFY(p.waitForStarted());
        const qint64 sid = p.processId();
        if (!p.waitForFinished(delayMs)) {
            ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(30000));
        }
        QElapsedTimer waited;
        waited.start();
        while (sessionAlive(sid)) {
            QVERIFY2(waited.elapsed() < 300000, "pg_dump / pg_restore of a killed dbops never ended");
            QThread::msleep(50);
        }
    }
    // Runs `args` to the end once (it must succeed: the URL's password works), then kKills times more, each
    // killed at a random point of its own equal slice of that first run's duration.
    void killThroughout(const QStringList &args)
    {
        QElapsedTimer timer;
        timer.start();
        const CliResult r = CliRunner::run(args, m_env, {}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const qint64 slice = timer.elapsed() / kKills + 1;
        for (int i = 0; i < kKills; ++i) {
            killAfter(args, int(slice * i) + QRandomGenerator::global()->bounded(int(slice)));
            if (QTest::currentTestFailed())
                return;
        }
    }
    void verifyPasswordNowhere()
    {
        const QByteArray needle = m_password.toUtf8();
        // The test server keeps the password in its own pgpass file; that one is not dbops' doing.
        const QStringList skip{QFileInfo(PgTestServer::passFile()).absolutePath()};
        QStringList found = filesHolding(m_dir.path(), needle, skip);
        // /tmp itself: where a temporary pgpass would land without our TMPDIR (files at its top and dbops-* folders;
        // not every tree under /tmp, which on a developer's machine may hold whole chroots).
        const QDir tmp(QStringLiteral("/tmp"));
        for (const QFileInfo &e : tmp.entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks)) {
            QFile f(e.absoluteFilePath());
            if (e.lastModified() >= m_started && e.size() < (qint64(256) << 20) && f.open(QIODevice::ReadOnly) &&
                f.readAll().contains(needle))
                found << e.absoluteFilePath();
        }
        for (const QFileInfo &d : tmp.entryInfoList({QStringLiteral("dbops*")}, QDir::Dirs | QDir::NoDotAndDotDot))
            found << filesHolding(d.absoluteFilePath(), needle, skip + QStringList{m_dir.path()}, m_started);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char(' '))));
    }
    QString makeLeftover(const QString &name)
    {
        const QString dir = tmpDir() + QLatin1Char('/') + name;
        QDir().mkpath(dir);
        QFile f(dir + QStringLiteral("/pgpass"));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("*:*:*:*:" + m_password.toUtf8() + '\n');
        f.close();
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_dir.isValid());
        m_started = QDateTime::currentDateTime().addSecs(-1);
        m_password = PgTestServer::password();
        QVERIFY(m_password.size() >= 8);
        QVERIFY(QDir().mkpath(tmpDir()));
        m_env = CliRunner::cleanEnvironment();
        m_env.remove(QStringLiteral("PGPASSFILE")); // the password comes from the URL only
        m_env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        m_env.insert(QStringLiteral("TMPDIR"), tmpDir());
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QString::fromLatin1(v).toLower()));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("setup"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        for (const char *table : {"trades", "orders", "fills"})
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE %1 AS SELECT g AS id, md5(g::text) AS note, "
                                          "'2026-01-01'::timestamptz + g * interval '1 second' AS created_at "
                                          "FROM generate_series(1, 150000) g")
                               .arg(QLatin1String(table))));
    }

    void killedBackupsLeaveThePasswordNowhere()
    {
        killThroughout(backupArgs());
        if (!QTest::currentTestFailed())
            verifyPasswordNowhere();
    }

    void killedRestoresLeaveThePasswordNowhere()
    {
        const CliResult backup = CliRunner::run(backupArgs() << QStringLiteral("--json"), m_env, {}, 300000);
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        m_backup = backup.json().value(QLatin1String("path")).toString();
        killThroughout(restoreArgs());
        if (!QTest::currentTestFailed())
            verifyPasswordNowhere();
    }

    void leftoverOfAKilledEarlierRunIsRemoved()
    {
        // What an earlier version left after a kill -9: TMPDIR/dbops-pg-XXXXXX/pgpass, written a day ago.
        const QString leftover = makeLeftover(QStringLiteral("dbops-pg-Ab3dEf"));
        QVERIFY(!leftover.isEmpty());
        QVERIFY(backdate(leftover + QStringLiteral("/pgpass"), 86400) && backdate(leftover, 86400));
        const CliResult r = CliRunner::run(backupArgs(), m_env, {}, 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(leftover));
    }

    void leftoverIsKeptWhileADbopsThatMayOwnItRuns()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QCOMPARE(CliRunner::run({QStringLiteral("demo"), QStringLiteral("--out"), demo}, m_env).exitCode, 0);
        QProcess older; // a dbops started before the leftover was written: it may be the one writing it
        older.setProcessEnvironment(m_env);
        older.start(QStringLiteral(DBOPS_CLI_PATH),
                    {QStringLiteral("demo"), QStringLiteral("--simulate"), QStringLiteral("--db"), demo,
                     QStringLiteral("--interval"), QStringLiteral("1000"), QStringLiteral("--duration"),
                     QStringLiteral("600")});
        QVERIFY(older.waitForStarted());
        const QString leftover = makeLeftover(QStringLiteral("dbops-pg-Gh5jKl"));
        const CliResult r = CliRunner::run(backupArgs(), m_env, {}, 300000);
        older.terminate();
        older.waitForFinished(30000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(leftover + QStringLiteral("/pgpass")));
        QDir(leftover).removeRecursively();
    }

    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }
};

QTEST_GUILESS_MAIN(TestPgCliSecrets)
#include "tst_pg_cli_secrets.moc"
