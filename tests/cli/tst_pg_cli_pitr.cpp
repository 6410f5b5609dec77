// pgBackRest through the CLI against the real PostgreSQL 15 test server: pitr-setup prints a plan and, with --yes,
// applies it (configuration, archive_command, stanza-create, check); backup --engine pgbackrest makes a backup
// recorded in the catalog and the audit; backups --json shows the stanza's backups and window under "pitr", its
// text the window as it shows the backups.
// Runs alone (RUN_SERIAL): archive_command is the server's.
#include "connection/connector.h"
#include "pgarchive.h"
#include "pgstanza.h"
#include "pgtestserver.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kStanza = QStringLiteral("dbops_cli");
const QString kExistingStanza = QStringLiteral("dbops_cli_existing");
} // namespace

class TestPgCliPitr : public QObject {
    Q_OBJECT
    PgStanza m_stanza{kStanza};
    PgStanza m_existing{kExistingStanza};

    QString archiveCommand() const
    {
        ScopedConnection conn(PgTestServer::target(), SessionOptions::monitor(), QStringLiteral("show"));
        QSqlQuery q(conn.db());
        return conn.ok() && q.exec(QStringLiteral("SHOW archive_command")) && q.next() ? q.value(0).toString()
                                                                                       : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        QVERIFY(m_stanza.prepare());
    }
    void cleanupTestCase() { QVERIFY(PgArchive::restore()); }

    void setupWithoutYesPrintsThePlanAndChangesNothing()
    {
        const CliResult r = m_stanza.dbops(QStringLiteral("pitr-setup"), m_stanza.setupArgs());
        QCOMPARE(r.exitCode, 1);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("preview"));
        QVERIFY(j.value(QStringLiteral("archive_command")).toString().endsWith(QStringLiteral("archive-push %p")));
        QVERIFY(j.value(QStringLiteral("config_lines"))
                    .toVariant()
                    .toStringList()
                    .contains(QStringLiteral("pg1-path=") + qEnvironmentVariable("DBOPS_TEST_PGDATA")));
        QVERIFY(
            j.value(QStringLiteral("commands")).toArray().first().toString().contains(QStringLiteral("stanza-create")));
        QCOMPARE(j.value(QStringLiteral("restart_needed")).toBool(), false);
        QVERIFY(!QFile::exists(m_stanza.configFile()));
        QCOMPARE(archiveCommand(), QStringLiteral("/bin/true"));
    }

    void setupWithYesAppliesItOnTheLocalServer()
    {
        const CliResult r = m_stanza.setUp();
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(QFile::exists(m_stanza.configFile()));
        QCOMPARE(archiveCommand(), r.json().value(QStringLiteral("archive_command")).toString());
    }

    void backupWithPgBackRestIsListedUnderPitr()
    {
        const CliResult b = m_stanza.backup(QStringLiteral("full"));
        QVERIFY2(b.exitCode == 0, b.err.constData());
        const QString label = PgStanza::label(b);
        QVERIFY(label.endsWith(QLatin1Char('F')));

        const CliResult l = m_stanza.dbops(QStringLiteral("backups"),
                                           {QStringLiteral("--dir"), m_stanza.path(QStringLiteral("catalog"))});
        QCOMPARE(l.exitCode, 0);
        const QJsonObject pitr = l.json().value(QStringLiteral("pitr")).toObject();
        QCOMPARE(pitr.value(QStringLiteral("engine")).toString(), QStringLiteral("pgbackrest"));
        QCOMPARE(pitr.value(QStringLiteral("stanza")).toString(), kStanza); // found by the server's system id
        const QJsonArray backups = pitr.value(QStringLiteral("backups")).toArray();
        QCOMPARE(backups.size(), 1);
        QCOMPARE(backups[0].toObject().value(QStringLiteral("label")).toString(), label);
        QCOMPARE(backups[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("full"));
        QVERIFY(QDateTime::fromString(pitr.value(QStringLiteral("restorable_from")).toString(), Qt::ISODate).isValid());
        QVERIFY(pitr.value(QStringLiteral("restorable_to")).toString() >=
                pitr.value(QStringLiteral("restorable_from")).toString());
        // The catalog's record of it
        const QJsonArray catalog = l.json().value(QStringLiteral("backups")).toArray();
        QCOMPARE(catalog.size(), 1);
        QCOMPARE(catalog[0].toObject().value(QStringLiteral("engine")).toString(), QStringLiteral("pgbackrest"));
    }

    void backupsTextShowsTheWindowLikeItsBackups()
    {
        // In the words of the backup lines above it ("2026-12-05 09:42:41 UTC"), not as raw ISO-8601.
        const CliResult t = CliRunner::run({QStringLiteral("backups"), QStringLiteral("--db"), m_stanza.uri(),
                                            QStringLiteral("--pgbackrest-config"), m_stanza.configFile(),
                                            QStringLiteral("--dir"), m_stanza.path(QStringLiteral("catalog"))},
                                           m_stanza.env(), {}, 180000);
        QVERIFY2(t.exitCode == 0, t.err.constData());
        const QString out = QString::fromUtf8(t.out);
        const QString moment = QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("restorable from %1 to %1\\n").arg(moment))),
                 qPrintable(out));
    }

    void setupAndBackupAreAudited_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("pitr-setup --yes") << QStringLiteral("pitr-setup") << QStringLiteral("stanza=") + kStanza;
        QTest::newRow("backup --engine pgbackrest") << QStringLiteral("backup") << QStringLiteral("engine=pgbackrest");
    }
    void setupAndBackupAreAudited()
    {
        QFETCH(QString, action);
        QFETCH(QString, parameter);
        const CliResult a = CliRunner::run({QStringLiteral("audit"), QStringLiteral("--json")}, m_stanza.env());
        QCOMPARE(a.exitCode, 0);
        bool found = false;
        for (const QJsonValue &v : a.json().value(QStringLiteral("records")).toArray()) {
            const QJsonObject r = v.toObject();
            found |= r.value(QStringLiteral("action")).toString() == action &&
                     r.value(QStringLiteral("parameters")).toString().contains(parameter) &&
                     r.value(QStringLiteral("outcome")).toString() == QLatin1String("ok");
        }
        QVERIFY(found);
    }

    void namedStanzaThatDoesNotExistIsUnusableInput()
    {
        const CliResult r =
            m_stanza.dbops(QStringLiteral("backup"), {QStringLiteral("--engine"), QStringLiteral("pgbackrest"),
                                                      QStringLiteral("--stanza"), QStringLiteral("no_such_stanza")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY(r.errLines().first().contains(QStringLiteral("no_such_stanza")));
    }

    void unknownEngineIsUnusableInput()
    {
        const CliResult r =
            m_stanza.dbops(QStringLiteral("backup"), {QStringLiteral("--engine"), QStringLiteral("barman")}, false);
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.errLines().value(0).contains(QStringLiteral("--engine")));
    }

    // An operator's pgbackrest.conf whose [global] names another repository: the stanza pitr-setup adds has its
    // repository in --repo, and a listing that names no stanza still finds it by the server's system id. (Last: the
    // server then archives into this stanza until cleanupTestCase.)
    void stanzaAddedToAnExistingConfigUsesItsOwnRepository()
    {
        const QString name = kExistingStanza;
        PgStanza &other = m_existing; // lives on: its password file is the one PgArchive::restore() uses afterwards
        QVERIFY(other.prepare());
        const QString elsewhere = other.path(QStringLiteral("elsewhere"));
        QFile conf(other.configFile());
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("[global]\nrepo1-path=%1\nlog-level-console=info\n").arg(elsewhere).toUtf8());
        conf.close();
        const CliResult setup = other.setUp();
        QVERIFY2(setup.exitCode == 0, setup.err.constData());
        QFile written(other.configFile());
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY2(text.startsWith(QStringLiteral("[global]\nrepo1-path=%1\n").arg(elsewhere)), qPrintable(text));
        // stanza-create made the stanza's folders in the repository its section names
        QVERIFY(QDir(other.repository() + QStringLiteral("/backup/") + name).exists());
        QVERIFY(!QDir(elsewhere + QStringLiteral("/backup/") + name).exists());
        QVERIFY(QDir().mkpath(other.path(QStringLiteral("catalog")))); // no dbops backup in it: only the stanza
        const CliResult l =
            other.dbops(QStringLiteral("backups"), {QStringLiteral("--dir"), other.path(QStringLiteral("catalog"))});
        QCOMPARE(l.exitCode, 0);
        QCOMPARE(l.json().value(QStringLiteral("pitr")).toObject().value(QStringLiteral("stanza")).toString(), name);
    }
};

QTEST_GUILESS_MAIN(TestPgCliPitr)
#include "tst_pg_cli_pitr.moc"
