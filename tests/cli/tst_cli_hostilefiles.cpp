// Hostile input walked through `dbops info`, `health`, `backup` and `verify` (issue 13): corrupt pages, a corrupt
// schema page, not a database, 0 bytes, truncated, hostile identifiers, a pending WAL, a read-only file, a hot journal,
// a directory named x.db, a name with spaces and non-ASCII, another application's schema. Each gets its exit code
// without a crash; unusable input gets one line naming the file and saying what it is; no message carries SQL or driver
// noise; and every file in the input's folder (its -wal and -journal included) is byte-identical afterwards, with
// nothing new beside it but what a read-only SQLite open leaves (see disallowed()).
//
// Exit codes chosen: 3 for input dbops cannot read as a store at all (not a database, 0 bytes, truncated, a
// hot journal, a directory) from every command; a readable store gets its health (corrupt pages: 2) and its
// backup (1 when the store was found damaged); a store whose schema cannot be read is unusable for info (3),
// critical for health (2), and cannot be backed up (2); `verify` of a store that is not a backup fails (2: no manifest)
// unless the path cannot be checked as a file at all.
#include "clirunner.h"
#include "filesnapshot.h"
#include "hostilefiles.h"
#include "sqlitefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops::test;

namespace {

enum Command { Info, Health, Backup, Verify, CommandCount };
const char *const kCommandNames[] = {"info", "health", "backup", "verify"};

struct Kind {
    const char *name;
    const char *file; // the input's name, alone in its own folder
    bool (*make)(const QString &path);
    int exitCodes[CommandCount]; // info, health, backup, verify
    const char *says;            // unusable input (exit 3): a pattern for what the one stderr line says
};

bool tradingStore(const QString &path) { return SqliteFixture::createTradingStore(path, 50); }

bool readOnlyStore(const QString &path)
{
    return tradingStore(path) && QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
}

bool directory(const QString &path) { return QDir().mkpath(path); }

const Kind kKinds[] = {
    {"corrupt pages", "corrupt.db", HostileFiles::corruptPages, {0, 2, 1, 2}, ""},
    {"corrupt schema page", "schema.db", HostileFiles::corruptSchema, {3, 2, 2, 2}, "malformed"},
    {"not a database", "prices.db", HostileFiles::notADatabase, {3, 3, 3, 2}, "not an SQLite database"},
    {"0 bytes", "empty.db", HostileFiles::empty, {3, 3, 3, 2}, "empty \\(0 bytes\\)"},
    {"truncated", "cut.db", HostileFiles::truncated, {3, 3, 3, 2}, "truncated"},
    {"hostile identifiers", "names.db", HostileFiles::hostileIdentifiers, {0, 1, 0, 2}, ""},
    {"pending WAL", "pending.db", HostileFiles::pendingWal, {0, 0, 0, 2}, ""},
    {"read-only", "readonly.db", readOnlyStore, {0, 0, 0, 2}, ""},
    {"hot journal", "hot.db", HostileFiles::hotJournal, {3, 3, 3, 2}, "hot rollback journal"},
    {"directory named x.db", "x.db", directory, {3, 3, 3, 2}, "no (SQLite )?store (found|to back up)"},
    {"spaces and non-ASCII", "my bot — données ü.db", tradingStore, {0, 0, 0, 2}, ""},
    {"foreign schema", "notes.db", HostileFiles::foreignSchema, {0, 0, 0, 2}, ""},
};

// SQL text, resource comments and Qt driver wording: never part of a message to the operator.
const QRegularExpression kNoise(QStringLiteral("Unable to|QSQLITE|QSqlError|\\b(SELECT|PRAGMA|FROM|INSERT|UPDATE|"
                                               "DELETE|CREATE|WHERE)\\b|/\\*|^\\s*--"),
                                QRegularExpression::MultilineOption);

struct Outcome {
    CliResult result;
    QStringList changes; // FileSnapshot::differences of the input's folder that are not allowed
};

// What a read-only SQLite open legitimately leaves (README, "Monitoring only reads"): the -shm is SQLite's
// shared index that readers update, and a WAL store without a -wal gets an empty one. Nothing else.
QStringList disallowed(const QStringList &differences, const QString &folder)
{
    QStringList out;
    for (const QString &d : differences) {
        const QString name = d.section(QLatin1Char(' '), 0, -2);
        const bool shm = name.endsWith(QLatin1String("-shm")) && !d.endsWith(QLatin1String(" vanished"));
        const bool emptyWal = name.endsWith(QLatin1String("-wal")) && d.endsWith(QLatin1String(" appeared")) &&
                              QFileInfo(folder + QLatin1Char('/') + name).size() == 0;
        if (!shm && !emptyWal)
            out << d;
    }
    return out;
}

} // namespace

class TestCliHostileFiles : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QHash<QString, Outcome> m_outcomes; // one run per kind and command, shared by the test functions

    QString folderOf(int kind) const { return m_dir.filePath(QStringLiteral("in/%1").arg(kind)); }
    QString inputOf(int kind) const { return folderOf(kind) + QLatin1Char('/') + QString::fromUtf8(kKinds[kind].file); }

    const Outcome &outcome(int kind, int command)
    {
        const QString key = QStringLiteral("%1/%2").arg(kind).arg(command);
        if (!m_outcomes.contains(key)) {
            const QString input = inputOf(kind);
            QStringList args{QLatin1String(kCommandNames[command])};
            if (command == Verify)
                args << input;
            else
                args << QStringLiteral("--db") << input;
            if (command == Backup)
                args << QStringLiteral("--out") << m_dir.filePath(QStringLiteral("backups/") + key);
            const auto before = FileSnapshot::of(folderOf(kind));
            Outcome o;
            o.result = CliRunner::run(args, m_env);
            o.changes = disallowed(FileSnapshot::differences(before, FileSnapshot::of(folderOf(kind))), folderOf(kind));
            m_outcomes.insert(key, o);
        }
        return m_outcomes[key];
    }

    static void addRows(bool unusableOnly)
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("command");
        for (int k = 0; k < int(std::size(kKinds)); ++k)
            for (int c = 0; c < CommandCount; ++c)
                if (!unusableOnly || kKinds[k].exitCodes[c] == 3)
                    QTest::addRow("%s: %s", kKinds[k].name, kCommandNames[c]) << k << c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_env = CliRunner::cleanEnvironment();
        for (const char *v : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"})
            m_env.insert(QLatin1String(v), m_dir.filePath(QStringLiteral("xdg")));
        for (int k = 0; k < int(std::size(kKinds)); ++k) {
            QVERIFY(QDir().mkpath(folderOf(k)));
            QVERIFY2(kKinds[k].make(inputOf(k)), kKinds[k].name);
        }
    }

    void exitsWithItsCode_data() { addRows(false); }
    void exitsWithItsCode()
    {
        QFETCH(int, kind);
        QFETCH(int, command);
        const CliResult &r = outcome(kind, command).result;
        QVERIFY2(r.exitCode >= 0, "crashed or hung");
        QVERIFY2(r.exitCode == kKinds[kind].exitCodes[command],
                 qPrintable(QStringLiteral("exit %1, expected %2; stderr: %3; stdout: %4")
                                .arg(r.exitCode)
                                .arg(kKinds[kind].exitCodes[command])
                                .arg(QString::fromUtf8(r.err), QString::fromUtf8(r.out.left(600)))));
    }

    void unusableInputSaysWhatInOneLine_data() { addRows(true); }
    void unusableInputSaysWhatInOneLine()
    {
        QFETCH(int, kind);
        QFETCH(int, command);
        const CliResult &r = outcome(kind, command).result;
        QCOMPARE(r.errLines().size(), 1);
        const QString line = r.errLines().first();
        QVERIFY2(line.contains(QRegularExpression(QLatin1String(kKinds[kind].says))), qPrintable(line));
        QVERIFY2(line.contains(QString::fromUtf8(kKinds[kind].file)), qPrintable(line));
    }

    void noMessageCarriesSqlOrDriverNoise_data() { addRows(false); }
    void noMessageCarriesSqlOrDriverNoise()
    {
        QFETCH(int, kind);
        QFETCH(int, command);
        const CliResult &r = outcome(kind, command).result;
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(!kNoise.match(err).hasMatch(), qPrintable(err));
        // verify's problems are its messages, on stdout
        const QString out = QString::fromUtf8(r.out);
        if (command == Verify)
            QVERIFY2(!kNoise.match(out).hasMatch(), qPrintable(out));
    }

    // A table named "fills<newline>row": every report line naming it stays one line (the name escaped).
    void tableNamesStayOnOneLine_data()
    {
        QTest::addColumn<int>("command");
        QTest::newRow("info") << int(Info);
        QTest::newRow("health") << int(Health);
    }
    void tableNamesStayOnOneLine()
    {
        QFETCH(int, command);
        const int kind = int(std::find_if(std::begin(kKinds), std::end(kKinds),
                                          [](const Kind &k) { return qstrcmp(k.name, "hostile identifiers") == 0; }) -
                             std::begin(kKinds));
        const QString out = QString::fromUtf8(outcome(kind, command).result.out);
        QVERIFY2(out.contains(QLatin1String("fills\\nrow")), qPrintable(out));
        QVERIFY2(!out.contains(QRegularExpression(QStringLiteral("^row"), QRegularExpression::MultilineOption)),
                 qPrintable(out));
    }

    void leavesEveryInputFileAsItWas_data() { addRows(false); }
    void leavesEveryInputFileAsItWas()
    {
        QFETCH(int, kind);
        QFETCH(int, command);
        const QStringList changes = outcome(kind, command).changes;
        QVERIFY2(changes.isEmpty(), qPrintable(changes.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestCliHostileFiles)
#include "tst_cli_hostilefiles.moc"
