// `dbops verify` of a PostgreSQL backup when the check cannot run (no pg_restore to be found): exit 3, one
// line saying what is missing, and the backup's recorded verdict left as it was, so `backups` still lists it
// verified and `prune` still protects it as the store's newest verified backup.
#include "clirunner.h"
#include "connection/connector.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_verify_pg");

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestPgCliVerify : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_backups;
    QString m_backup;

    // pg_restore is looked for under DBOPS_PG_LIBDIR (/usr/lib/postgresql) and on PATH: both point at an
    // empty folder here.
    QProcessEnvironment withoutPgRestore() const
    {
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("DBOPS_PG_LIBDIR"), m_dir.filePath(QStringLiteral("empty")));
        env.insert(QStringLiteral("PATH"), m_dir.filePath(QStringLiteral("empty")));
        return env;
    }
    CliResult verifyWithoutPgRestore() const
    {
        return CliRunner::run({QStringLiteral("verify"), m_backup}, withoutPgRestore());
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("empty"))));
        m_env = CliRunner::cleanEnvironment();
        m_env.insert(QStringLiteral("PGPASSFILE"), PgTestServer::passFile());
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        QVERIFY(!PgTestServer::createDatabase(kDb));
        {
            ScopedConnection conn(PgTestServer::target(kDb), SessionOptions::action(), QStringLiteral("setup"));
            QVERIFY(conn.ok());
            QSqlQuery q(conn.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE trades AS SELECT g AS id FROM generate_series(1, 500) g")));
        }
        const Target t = PgTestServer::target(kDb);
        const QString uri =
            QStringLiteral("postgresql://%1@%2:%3/%4").arg(t.pg.user, t.pg.host).arg(t.pg.port).arg(kDb);
        m_backups = m_dir.filePath(QStringLiteral("backups"));
        const CliResult backup = CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), uri,
                                                 QStringLiteral("--out"), m_backups, QStringLiteral("--json")},
                                                m_env);
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        m_backup = backup.json().value(QLatin1String("path")).toString();
        const CliResult verified = CliRunner::run({QStringLiteral("verify"), m_backup}, m_env);
        QVERIFY2(verified.exitCode == 0, verified.out.constData());
    }

    void missingPgRestoreExitsThreeNamingThePackage()
    {
        const CliResult r = verifyWithoutPgRestore();
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.contains("pg_restore is not installed") && r.err.contains("postgresql-client-"),
                 r.err.constData());
    }

    void missingPgRestoreLeavesTheManifestAsItWas()
    {
        const QString manifest = m_backup + QStringLiteral(".manifest.json");
        const QByteArray before = contentOf(manifest);
        QVERIFY(before.contains("\"verified\""));
        verifyWithoutPgRestore();
        QCOMPARE(contentOf(manifest), before);
    }

    void missingPgRestoreLeavesTheBackupListedVerified()
    {
        verifyWithoutPgRestore();
        const CliResult r = CliRunner::run(
            {QStringLiteral("backups"), QStringLiteral("--dir"), m_backups, QStringLiteral("--json")}, m_env);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray backups = r.json().value(QLatin1String("backups")).toArray();
        QCOMPARE(backups.size(), 1);
        QCOMPARE(backups.first().toObject().value(QLatin1String("state")).toString(), QStringLiteral("verified"));
    }

    // The dump copied somewhere without its manifest: said as a pg_dump archive missing its manifest (exit 3),
    // not as "not an SQLite database".
    void dumpWithoutItsManifestIsNamedAsSuch()
    {
        const QString lone = m_dir.filePath(QStringLiteral("lone/copy.dump"));
        QVERIFY(QDir().mkpath(QFileInfo(lone).absolutePath()));
        QVERIFY(QFile::copy(m_backup, lone));
        const CliResult r = CliRunner::run({QStringLiteral("verify"), lone}, m_env);
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.contains("PostgreSQL dump") && r.err.contains("manifest") && !r.err.contains("SQLite"),
                 r.err.constData());
    }

    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }
};

QTEST_GUILESS_MAIN(TestPgCliVerify)
#include "tst_pg_cli_verify.moc"
