// PostgreSQL backups: pg_dump -Fc in one snapshot with exact row counts, verified with pg_restore --list;
// no password in the manifest even when the target carried one; cancel leaves no file; an older pg_dump
// is refused naming the package.
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "ops/pgtools.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "connection/connector.h"

using namespace dbops;
using dbops::test::PgTestServer;

namespace {
const QString kDb = QStringLiteral("dbops_backup_test");

QString passwordFromPassFile()
{
    QFile f(PgTestServer::passFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine()).trimmed().section(QLatin1Char(':'), 4);
}
} // namespace

class TestPgBackup : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QStringList filesIn(const QString &dir) const
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QVERIFY(PgTestServer::exec(
            {"CREATE TABLE trades (id bigserial PRIMARY KEY, symbol text, price numeric, "
             "created_at timestamptz NOT NULL DEFAULT '2026-01-01 00:00:00+00')",
             "INSERT INTO trades (symbol, price, created_at) SELECT 'BTCUSDT', g, "
             "'2026-01-01 00:00:00+00'::timestamptz + g * interval '1 minute' FROM generate_series(1, 20000) g",
             "CREATE SCHEMA bot", "CREATE TABLE bot.orders (id int PRIMARY KEY, status text)",
             "INSERT INTO bot.orders SELECT g, 'FILLED' FROM generate_series(1, 77) g",
             "CREATE TABLE schema_migrations (version text PRIMARY KEY)",
             "INSERT INTO schema_migrations VALUES ('001'), ('002'), ('003')"},
            kDb));
    }

    void backupCountsRowsAndVerifies()
    {
        const QString out = m_home.filePath(QStringLiteral("pg"));
        auto r = BackupService::backup(PgTestServer::target(kDb), BackupRequest{out}, {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QVERIFY(r->path.endsWith(QLatin1String(".dump")));
        QCOMPARE(r->manifest.engine, QStringLiteral("postgresql"));
        QCOMPARE(r->manifest.rowsOf(QStringLiteral("public.trades")), 20000);
        QCOMPARE(r->manifest.rowsOf(QStringLiteral("bot.orders")), 77);
        QCOMPARE(r->manifest.migrationVersion, QStringLiteral("003"));
        QCOMPARE(r->manifest.tools.value(QLatin1String("pg_dump_major")).toInt(), 15);
        for (const TableRows &t : r->manifest.tables)
            if (t.name == QLatin1String("public.trades"))
                QVERIFY2(t.newest.startsWith(QLatin1String("2026-01-14")), qPrintable(t.newest));
        QCOMPARE(filesIn(out).size(), 2);
        auto report = BackupVerifier::verify(r->path, {}, {});
        QVERIFY(report);
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QStringLiteral("; "))));
    }

    void compressionLevelReachesTheArchive_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("inArchive"); // the level pg_restore --list reports
        QTest::newRow("fast default") << BackupRequest().pgCompression << 1;
        QTest::newRow("none") << 0 << 0;
        QTest::newRow("pg_dump's default") << 6 << 6;
    }
    void compressionLevelReachesTheArchive()
    {
        QFETCH(int, level);
        QFETCH(int, inArchive);
        BackupRequest request{m_home.filePath(QStringLiteral("z%1").arg(level))};
        request.pgCompression = level;
        auto r = BackupService::backup(PgTestServer::target(kDb), request, {});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QCOMPARE(r->manifest.tools.value(QLatin1String("compression")).toInt(), inArchive);
        QProcess list;
        list.start(PgTestServer::binDir() + QStringLiteral("/pg_restore"), {QStringLiteral("--list"), r->path});
        QVERIFY(list.waitForFinished(30000));
        const QString header = QString::fromUtf8(list.readAllStandardOutput());
        QVERIFY2(header.contains(QStringLiteral("Compression: %1\n").arg(inArchive)), qPrintable(header.left(400)));
    }

    void scratchRestoreCountsRows()
    {
        auto r = BackupService::backup(PgTestServer::target(kDb),
                                       BackupRequest{m_home.filePath(QStringLiteral("scratch"))}, {});
        QVERIFY(r);
        VerifyOptions options;
        options.scratchServer = PgTestServer::target();
        auto report = BackupVerifier::verify(r->path, options, {});
        QVERIFY(report);
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QStringLiteral("; "))));
        QCOMPARE(report->tables.size(), r->manifest.tables.size());

        // The same archive against a manifest that claims another count: only the scratch restore can tell.
        BackupManifest m = r->manifest;
        for (TableRows &t : m.tables)
            if (t.name == QLatin1String("bot.orders"))
                t.rows = 78;
        QVERIFY(!m.write(r->manifestPath));
        report = BackupVerifier::verify(r->path, options, {});
        QVERIFY(report);
        QVERIFY(!report->verified());
        QVERIFY2(
            report->problems.join(QLatin1Char(' ')).contains(QLatin1String("bot.orders has 77 rows after a restore")),
            qPrintable(report->problems.join(QLatin1Char(' '))));
        ScopedConnection c(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("leftovers"));
        QSqlQuery q(c.db());
        // This process's scratch databases (named dbops_verify_<pid>_…): other tests verify on the same server.
        QVERIFY(q.prepare(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE ?")));
        q.addBindValue(QStringLiteral("dbops_verify_%1_%").arg(QCoreApplication::applicationPid()));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // the scratch databases are gone
    }

    void truncatedArchiveFailsVerify()
    {
        auto r = BackupService::backup(PgTestServer::target(kDb),
                                       BackupRequest{m_home.filePath(QStringLiteral("trunc"))}, {});
        QVERIFY(r);
        QVERIFY(QFile::resize(r->path, r->manifest.bytes / 3));
        auto report = BackupVerifier::verify(r->path, {}, {});
        QVERIFY(report);
        QVERIFY(!report->verified());
        QVERIFY2(report->problems.join(QLatin1Char(' ')).contains(QLatin1String("truncated")),
                 qPrintable(report->problems.join(QLatin1Char(' '))));
    }

    void manifestHoldsNoPassword()
    {
        const QString password = passwordFromPassFile();
        QVERIFY(password.size() >= 8);
        Target target = PgTestServer::target(kDb);
        target.pg.password = password;
        qunsetenv("PGPASSFILE"); // the password can only come from the target now
        auto r = BackupService::backup(target, BackupRequest{m_home.filePath(QStringLiteral("pw"))}, {});
        qputenv("PGPASSFILE", PgTestServer::passFile().toUtf8());
        QVERIFY2(r, qPrintable(r ? QString() : r.error().oneLine()));
        QFile manifest(r->manifestPath);
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QVERIFY(!manifest.readAll().contains(password.toUtf8()));
        QVERIFY(!QJsonDocument(r->toJson()).toJson().contains(password.toUtf8()));
    }

    void cancelKillsPgDumpAndLeavesNoFile()
    {
        const QString out = m_home.filePath(QStringLiteral("cancel"));
        OpControl control;
        const CancelToken token = control.token;
        control.progress = [token](qint64, qint64, const QString &) { token.cancel(); };
        auto r = BackupService::backup(PgTestServer::target(kDb), BackupRequest{out}, control);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY2(filesIn(out).isEmpty(), qPrintable(filesIn(out).join(QLatin1Char(' '))));
    }

    void olderPgDumpIsRefusedNamingThePackage()
    {
        QTemporaryDir fake;
        QDir().mkpath(fake.filePath(QStringLiteral("13/bin")));
        const QString tool = fake.filePath(QStringLiteral("13/bin/pg_dump"));
        QFile f(tool);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.9'\n");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QByteArray path = qgetenv("PATH");
        qputenv("DBOPS_PG_LIBDIR", fake.path().toUtf8());
        qputenv("PATH", fake.filePath(QStringLiteral("13/bin")).toUtf8());
        auto found = PgTools::find(QStringLiteral("pg_dump"), 15);
        qputenv("PATH", path);
        qunsetenv("DBOPS_PG_LIBDIR");
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::Unsupported);
        QVERIFY2(found.error().oneLine().contains(QLatin1String("postgresql-client-15")),
                 qPrintable(found.error().oneLine()));
        QVERIFY(found.error().message.contains(QLatin1String("13")));
    }

    void cleanupTestCase() { PgTestServer::dropDatabase(kDb); }
};

QTEST_GUILESS_MAIN(TestPgBackup)
#include "tst_pg_backup.moc"
