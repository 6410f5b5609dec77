// A bot's open transaction holding a lock the restore needs, on the real PostgreSQL 15 test server: a forced
// `dbops restore` and a `compare --copy-back` give up after their lock-wait limit (the archive's and pg_dump's own
// `SET lock_timeout = 0` notwithstanding) instead of queueing for ever, and fail naming the holder, with the
// database as it was and the bot's session working.
#include "clirunner.h"
#include "connection/connector.h"
#include "pgclifixture.h"
#include "pgtestserver.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_restorelocks");
const QString kSide = QStringLiteral("dbops_cli_restorelocks_side");

// The bot: a session of its own (no idle-in-transaction limit), in a transaction the test opens.
class Bot {
public:
    Bot()
    {
        SessionOptions o = SessionOptions::action();
        o.applicationName = QStringLiteral("trading-bot");
        o.idleInTransactionTimeoutMs = 0;
        m_conn = std::make_unique<ScopedConnection>(PgTestServer::target(kDb), o, QStringLiteral("bot"));
    }
    bool ok() const { return m_conn->ok(); }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(m_conn->db());
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    bool exec(const QString &sql) { return QSqlQuery(m_conn->db()).exec(sql); }

private:
    std::unique_ptr<ScopedConnection> m_conn;
};

qint64 rows(const QString &db)
{
    const QStringList n = PgTestServer::column(QStringLiteral("SELECT count(*) FROM trades"), db);
    return n.isEmpty() ? -1 : n.first().toLongLong();
}

QString output(const CliResult &r) { return QString::fromUtf8(r.out + r.err); }
} // namespace

class TestPgCliRestoreLocks : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_backup;

private Q_SLOTS:
    // 20 trades and their backup; then one more trade, which a restore would take away.
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = PgCliFixture::environment(m_dir.path());
        m_env.insert(QStringLiteral("DBOPS_LOCK_WAIT_MS"), QStringLiteral("3000"));
        const QString table = QStringLiteral("CREATE TABLE trades (id bigint PRIMARY KEY, symbol text, price numeric, "
                                             "created_at timestamptz NOT NULL DEFAULT now())");
        const QString fill = QStringLiteral(
            "INSERT INTO trades (id, symbol, price) SELECT g, 'BTCUSDT', g FROM generate_series(1, 20) g");
        for (const QString &db : {kDb, kSide}) {
            QVERIFY(!PgTestServer::createDatabase(db));
            QVERIFY(PgTestServer::exec({table, fill}, db));
        }
        // The side database also has trade 100: copy-back brings it in.
        QVERIFY(PgTestServer::exec({QStringLiteral("INSERT INTO trades (id, symbol, price) VALUES (100, 'ETH', 1)")},
                                   kSide));
        m_backup = PgCliFixture::backup(kDb, m_dir.filePath(QStringLiteral("backups")), m_env);
        QVERIFY(!m_backup.isEmpty());
        QVERIFY(
            PgTestServer::exec({QStringLiteral("INSERT INTO trades (id, symbol, price) VALUES (21, 'NEW', 1)")}, kDb));
    }

    // The review's repro: `begin; select id from trades limit 1;` left idle in transaction. Before, pg_restore
    // queued behind it for ever (until the runner's bound here).
    void forcedRestoreGivesUpOnAHeldLockNamingTheHolder()
    {
        DBOPS_REQUIRE_PG();
        Bot bot;
        QVERIFY(bot.ok());
        const qint64 pid = bot.scalar(QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
        QVERIFY(bot.exec(QStringLiteral("BEGIN")));
        QVERIFY(bot.scalar(QStringLiteral("SELECT id FROM trades LIMIT 1")).isValid());
        const CliResult r =
            CliRunner::run({QStringLiteral("restore"), m_backup, QStringLiteral("--db"), PgCliFixture::uri(kDb),
                            QStringLiteral("--yes"), QStringLiteral("--force"), QStringLiteral("--json")},
                           m_env, {}, 120000);
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(output(r))));
        QVERIFY2(output(r).contains(QStringLiteral("session %1").arg(pid)), qPrintable(output(r)));
        QVERIFY2(output(r).contains(QLatin1String("trading-bot")), qPrintable(output(r)));
        // The bot's session goes on, and the database is as it was (trade 21, newer than the backup, kept).
        QCOMPARE(bot.scalar(QStringLiteral("SELECT count(*) FROM trades")).toLongLong(), 21);
        QVERIFY(bot.exec(QStringLiteral("COMMIT")));
        QCOMPARE(rows(kDb), 21);
    }

    // pg_dump's data file resets lock_timeout too: the COPY waited for ever on a key the bot's open transaction
    // inserts. Now it stops at the copy-back's lock timeout (5 s) and everything rolls back.
    void copyBackGivesUpOnABotsUncommittedKey()
    {
        DBOPS_REQUIRE_PG();
        const qint64 before = rows(kDb);
        Bot bot;
        QVERIFY(bot.ok());
        QVERIFY(bot.exec(QStringLiteral("BEGIN")));
        QVERIFY(bot.exec(QStringLiteral("INSERT INTO trades (id, symbol, price) VALUES (100, 'BOT', 1)")));
        const CliResult r = CliRunner::run(
            {QStringLiteral("compare"), QStringLiteral("--db"), PgCliFixture::uri(kDb), QStringLiteral("--with"),
             PgCliFixture::uri(kSide), QStringLiteral("--table"), QStringLiteral("trades"),
             QStringLiteral("--copy-back"), QStringLiteral("--yes"), QStringLiteral("--safety-dir"),
             m_dir.filePath(QStringLiteral("safety")), QStringLiteral("--json")},
            m_env, {}, 120000);
        QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(output(r))));
        QVERIFY2(output(r).contains(QLatin1String("lock timeout")), qPrintable(output(r)));
        QVERIFY(bot.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(rows(kDb), before);
    }

    void cleanupTestCase()
    {
        QString why;
        if (PgTestServer::available(&why))
            for (const QString &db : {kDb, kSide})
                PgTestServer::dropDatabase(db);
    }
};

QTEST_GUILESS_MAIN(TestPgCliRestoreLocks)
#include "tst_pg_cli_restorelocks.moc"
