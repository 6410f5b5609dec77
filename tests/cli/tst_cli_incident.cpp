// `dbops incident` on the demo store (a real bot data directory): one archive holding every view, checksummed,
// with no password anywhere in it — planted in PGPASSWORD and a saved profile.
#include "bundlecheck.h"
#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

namespace {
const QByteArray kSecret = "Pl4nted-S3cret-9d2f";
}

class TestCliIncident : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_out;
    CliResult m_run;
    QString m_folder; // the unpacked bundle

private Q_SLOTS:
    void initTestCase()
    {
        const QString xdg = m_dir.filePath(QStringLiteral("xdg"));
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), xdg);
        m_env.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(kSecret));
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QCOMPARE(CliRunner::run({QStringLiteral("demo"), QStringLiteral("--out"), demo}, m_env).exitCode, 0);
        // A profile as a careless hand edit leaves it: a password key and a URL with one.
        QDir().mkpath(xdg + QStringLiteral("/dbops"));
        QFile ini(xdg + QStringLiteral("/dbops/profiles.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[demo]\nkind=data_dir\npath=" + demo.toUtf8() + "\npassword=" + kSecret +
                  "\nspec=postgresql://bot:" + kSecret + "@db.internal/trading\n");
        ini.close();
        // Something for the audit trail and the backup catalog to hold.
        QCOMPARE(
            CliRunner::run({QStringLiteral("backup"), QStringLiteral("--db"), QStringLiteral("demo")}, m_env).exitCode,
            0);
        m_out = m_dir.filePath(QStringLiteral("out"));
        m_run = CliRunner::run({QStringLiteral("incident"), QStringLiteral("--db"), QStringLiteral("demo"),
                                QStringLiteral("--out"), m_out, QStringLiteral("--json")},
                               m_env);
        m_folder = BundleCheck::extract(m_run.json().value(QStringLiteral("path")).toString(),
                                        m_dir.filePath(QStringLiteral("unpacked")));
    }

    void writesOneNamedArchive()
    {
        QVERIFY2(m_run.exitCode == 0, m_run.err.constData());
        const QStringList names = QDir(m_out).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(names.size(), 1); // no partial file left beside it
        QVERIFY2(QRegularExpression(QStringLiteral("^dbops-incident-demo-\\d{8}T\\d{6}Z\\.tar\\.gz$"))
                     .match(names.first())
                     .hasMatch(),
                 qPrintable(names.first()));
        QCOMPARE(m_run.json().value(QStringLiteral("path")).toString(), QDir(m_out).filePath(names.first()));
    }

    void holdsEveryViewAndEachParses()
    {
        const QString problem = BundleCheck::missingOrBroken(m_folder);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // status.json is the status board of `dbops status --json`: the same concerns, the same verdict.
    void statusJsonIsTheStatusBoard()
    {
        QFile f(QDir(m_folder).filePath(QStringLiteral("status.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject bundled = QJsonDocument::fromJson(f.readAll()).object();
        const auto status = CliRunner::run(
            {QStringLiteral("status"), QStringLiteral("--db"), QStringLiteral("demo"), QStringLiteral("--json")},
            m_env);
        QStringList names, bundledNames;
        for (const QJsonValue &c : status.json().value(QStringLiteral("checks")).toArray())
            names << c.toObject().value(QStringLiteral("name")).toString();
        for (const QJsonValue &c : bundled.value(QStringLiteral("checks")).toArray())
            bundledNames << c.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(!names.isEmpty());
        QCOMPARE(bundledNames, names);
        QCOMPARE(bundled.value(QStringLiteral("worst")).toString(),
                 status.json().value(QStringLiteral("worst")).toString());
    }

    void everySectionWasRead()
    {
        for (const QJsonValue &s : m_run.json().value(QStringLiteral("sections")).toArray())
            QVERIFY2(s.toObject().value(QStringLiteral("status")).toString() == QLatin1String("ok"),
                     qPrintable(s.toObject().value(QStringLiteral("error")).toString()));
    }

    void checksumsMatchEveryFile()
    {
        QByteArray output;
        QCOMPARE(BundleCheck::sha256Check(m_folder, &output), 0);
        QStringList listed = BundleCheck::files(m_folder);
        listed.removeAll(QStringLiteral("SHA256SUMS"));
        for (const QString &name : listed)
            QVERIFY2(output.contains(QByteArray(name.toUtf8() + ": OK")), qPrintable(name));
    }

    void plantedPasswordIsNowhere()
    {
        const QStringList found = BundleCheck::filesHolding(m_folder, kSecret);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
    }

    void secretSearchReadsPngText()
    {
        // The search above would see a secret in a chart's text chunks: it finds the chart's title there.
        QVERIFY(BundleCheck::filesHolding(m_folder, "WAL and locks, last hour")
                    .contains(QStringLiteral("charts/activity-last-hour.png")));
    }

    void summaryNamesTargetAndVersions()
    {
        QFile f(QDir(m_folder).filePath(QStringLiteral("summary.md")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString md = QString::fromUtf8(f.readAll());
        QVERIFY(md.startsWith(QStringLiteral("# Incident evidence: ") + m_dir.filePath(QStringLiteral("demo"))));
        QVERIFY(md.contains(QStringLiteral("**Versions:** dbops ")));
        QVERIFY(md.contains(QStringLiteral("| Backups and restore window | 1 backup(s)")));
    }

    void textSizesAreInWords()
    {
        // As the rest of the CLI writes them ("1.2 MiB"); the JSON keeps the byte counts.
        const CliResult r = CliRunner::run({QStringLiteral("incident"), QStringLiteral("--db"), QStringLiteral("demo"),
                                            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("text-out"))},
                                           m_env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(!out.contains(QRegularExpression(QStringLiteral("\\d bytes"))), qPrintable(out));
        const QRegularExpression store(
            QStringLiteral("\\n  Store +sqlite [^\\n]*, \\d[\\d.,]* (B|KiB|MiB), \\d+ table"));
        QVERIFY2(out.contains(store), qPrintable(out));
    }

    void unwritableDestinationIsOneLineError()
    {
        const QString file = m_dir.filePath(QStringLiteral("a-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const CliResult r = CliRunner::run({QStringLiteral("incident"), QStringLiteral("--db"), QStringLiteral("demo"),
                                            QStringLiteral("--out"), file + QStringLiteral("/sub")},
                                           m_env);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.errLines().first().contains(file), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliIncident)
#include "tst_cli_incident.moc"
