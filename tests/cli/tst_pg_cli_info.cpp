// `dbops info` on the real PostgreSQL 15 test server, as cron or an operator runs it: the JSON keys of the
// public interface, and one clear line with exit code 3 for each way a connection can fail.
#include "clirunner.h"
#include "connection/connector.h"
#include "pgtestserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString Db = QStringLiteral("dbops_cli_info");
}

class TestPgCliInfo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;

    QString uri(const QString &dbname, int port = 0) const
    {
        Target t = PgTestServer::target(dbname);
        if (port)
            t.pg.port = port;
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(t.pg.dbname);
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("PGPASSFILE"), PgTestServer::passFile());
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        QVERIFY(!PgTestServer::createDatabase(Db));
        ScopedConnection conn(PgTestServer::target(Db), SessionOptions::action(), QStringLiteral("setup"));
        QVERIFY(conn.ok());
        QSqlQuery q(conn.db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE trades (id bigserial PRIMARY KEY, symbol text, price numeric)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE orders (id bigserial PRIMARY KEY, symbol text)")));
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO trades (symbol, price) SELECT 'BTCUSDT', g FROM generate_series(1, 5000) g")));
    }

    void jsonDescribesTheDatabase()
    {
        DBOPS_REQUIRE_PG();
        const CliResult r =
            CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), uri(Db), QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("engine")).toString(), QStringLiteral("postgresql"));
        QVERIFY2(j.value(QStringLiteral("version")).toString().startsWith(QStringLiteral("15.")), r.out.constData());
        QCOMPARE(j.value(QStringLiteral("database")).toString(), Db);
        QCOMPARE(j.value(QStringLiteral("table_count")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("tables")).toArray(),
                 (QJsonArray{QStringLiteral("orders"), QStringLiteral("trades")}));
        // The size pg_database_size() reports: a fresh database with 5000 rows is several MB, never 0.
        QVERIFY(j.value(QStringLiteral("size_bytes")).toDouble() > 1e6);
        QVERIFY(j.value(QStringLiteral("max_connections")).toInt() > 0);
    }

    void environmentVariablesSelectTheServer()
    {
        DBOPS_REQUIRE_PG();
        const Target t = PgTestServer::target(Db);
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("DB_TYPE"), QStringLiteral("postgresql"));
        env.insert(QStringLiteral("PGHOST"), t.pg.host);
        env.insert(QStringLiteral("PGPORT"), QString::number(t.pg.port));
        env.insert(QStringLiteral("PGUSER"), t.pg.user);
        env.insert(QStringLiteral("PGDATABASE"), Db);
        const CliResult r = CliRunner::run({QStringLiteral("info"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("database")).toString(), Db);
    }

    void connectionFailureExitsThreeWithOneLine_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("wrong password in PGPASSFILE") << "password"
                                                      << "password authentication failed";
        QTest::newRow("unknown database") << "database"
                                          << "does not exist";
        QTest::newRow("nothing listening") << "port"
                                           << "cannot reach PostgreSQL";
        QTest::newRow("TLS required, server has none") << "tls"
                                                       << "TLS";
    }
    void connectionFailureExitsThreeWithOneLine()
    {
        DBOPS_REQUIRE_PG();
        QFETCH(QString, kind);
        QFETCH(QString, words);
        QProcessEnvironment env = m_env;
        QString target = uri(Db);
        const QByteArray wrong = "Wrong-Secret-77";
        if (kind == QLatin1String("password")) {
            const Target t = PgTestServer::target(Db);
            const QString pass = m_dir.filePath(QStringLiteral("wrong.pgpass"));
            QFile f(pass);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("%1:%2:*:%3:").arg(t.pg.host).arg(t.pg.port).arg(t.pg.user).toUtf8() + wrong + '\n');
            f.close();
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            env.insert(QStringLiteral("PGPASSFILE"), pass);
        } else if (kind == QLatin1String("database")) {
            target = uri(QStringLiteral("no_such_db_here"));
        } else if (kind == QLatin1String("port")) {
            target = uri(Db, 1);
        } else {
            target += QStringLiteral("?sslmode=require");
        }
        QElapsedTimer timer;
        timer.start();
        const CliResult r = CliRunner::run({QStringLiteral("info"), QStringLiteral("--db"), target}, env);
        QVERIFY(timer.elapsed() < 15000);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(words), r.err.constData());
        QVERIFY(!r.err.contains(wrong));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPgCliInfo)
#include "tst_pg_cli_info.moc"
