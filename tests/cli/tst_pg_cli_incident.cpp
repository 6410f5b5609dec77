// `dbops incident` on the real PostgreSQL test server, with its password planted where operators leave
// passwords: in the --db URL, in PGPASSWORD and in a saved profile. The bundle holds every view, its checksums
// match, and the password is in none of its files (PNG text chunks included).
#include "bundlecheck.h"
#include "clirunner.h"
#include "pgtestserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

QByteArray passwordFromPassFile()
{
    QFile f(PgTestServer::passFile());
    return f.open(QIODevice::ReadOnly) ? f.readLine().trimmed().split(':').value(4) : QByteArray();
}

} // namespace

class TestPgCliIncident : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_password;
    CliResult m_run;
    QString m_folder;

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_password = passwordFromPassFile();
        QVERIFY(m_password.size() >= 8);
        const Target t = PgTestServer::target();
        const QString xdg = m_dir.filePath(QStringLiteral("xdg"));
        QProcessEnvironment env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            env.insert(QLatin1String(v), xdg);
        env.remove(QStringLiteral("PGPASSFILE")); // the URL's password is the one that connects
        env.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(m_password));
        QDir().mkpath(xdg + QStringLiteral("/dbops"));
        QFile ini(xdg + QStringLiteral("/dbops/profiles.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[prod]\nkind=postgres\nhost=" + t.pg.host.toUtf8() + "\nport=" + QByteArray::number(t.pg.port) +
                  "\ndbname=" + t.pg.dbname.toUtf8() + "\nuser=" + t.pg.user.toUtf8() + "\npassword=" + m_password +
                  "\n");
        ini.close();
        const QString url = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                .arg(t.pg.user, QString::fromLatin1(m_password), t.pg.host)
                                .arg(t.pg.port)
                                .arg(t.pg.dbname);
        m_run = CliRunner::run({QStringLiteral("incident"), QStringLiteral("--db"), url, QStringLiteral("--out"),
                                m_dir.filePath(QStringLiteral("out")), QStringLiteral("--json")},
                               env);
        m_folder = BundleCheck::extract(m_run.json().value(QStringLiteral("path")).toString(),
                                        m_dir.filePath(QStringLiteral("unpacked")));
    }

    void holdsEveryViewAndEachParses()
    {
        QVERIFY2(m_run.exitCode == 0, m_run.err.constData());
        const QString problem = BundleCheck::missingOrBroken(m_folder);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void liveViewsCameFromTheServer()
    {
        for (const QJsonValue &s : m_run.json().value(QStringLiteral("sections")).toArray())
            QVERIFY2(s.toObject().value(QStringLiteral("status")).toString() == QLatin1String("ok"),
                     qPrintable(s.toObject().value(QStringLiteral("name")).toString() + QStringLiteral(": ") +
                                s.toObject().value(QStringLiteral("error")).toString()));
        QFile versions(QDir(m_folder).filePath(QStringLiteral("versions.json")));
        QVERIFY(versions.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(versions.readAll())
                    .object()
                    .value(QStringLiteral("server"))
                    .toString()
                    .startsWith(QStringLiteral("15")));
    }

    void checksumsMatch() { QCOMPARE(BundleCheck::sha256Check(m_folder), 0); }

    void plantedPasswordIsNowhere()
    {
        QVERIFY(!m_folder.isEmpty());
        const QStringList found = BundleCheck::filesHolding(m_folder, m_password);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestPgCliIncident)
#include "tst_pg_cli_incident.moc"
