// Verify: a good backup is verified (and the manifest says so); each kind of damage fails with a problem that
// names it.
#include "ops/backupservice.h"
#include "ops/backupverifier.h"
#include "pitrrecord.h"
#include "sqlitefixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using dbops::test::SqliteFixture;

class TestBackupVerifier : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_source;
    int m_n = 0;

    BackupResult freshBackup()
    {
        auto r = BackupService::backup(Target::sqliteFile(m_source),
                                       BackupRequest{m_home.filePath(QStringLiteral("b%1").arg(++m_n))}, {});
        if (!r)
            qFatal("backup failed: %s", qPrintable(r.error().oneLine()));
        return r.value();
    }
    static void patch(const QString &path, qint64 offset, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(offset));
        f.write(bytes);
    }
    static void editManifest(const QString &path, const char *key, const QJsonValue &value)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        o.insert(QLatin1String(key), value);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(o).toJson());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_STATE_HOME", m_home.filePath(QStringLiteral("state")).toUtf8());
        m_source = m_home.filePath(QStringLiteral("trading.db"));
        QVERIFY(SqliteFixture::createTradingStore(m_source, 5000));
    }

    void goodBackupIsVerifiedAndRecorded()
    {
        const BackupResult b = freshBackup();
        auto report = BackupVerifier::verify(b.path, {}, {});
        QVERIFY(report);
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QStringLiteral("; "))));
        QCOMPARE(report->toJson().value(QLatin1String("status")).toString(), QStringLiteral("verified"));
        auto m = BackupManifest::read(b.manifestPath);
        QVERIFY(m);
        QCOMPARE(m->verification.state, Verification::State::Verified);
        QVERIFY(m->verification.at.isValid());
    }

    void manifestPathIsAcceptedToo()
    {
        const BackupResult b = freshBackup();
        auto report = BackupVerifier::verify(b.manifestPath, {}, {});
        QVERIFY(report);
        QCOMPARE(report->path, b.path);
        QVERIFY(report->verified());
    }

    void damageFails_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("problem");
        QTest::newRow("truncated") << "truncate"
                                   << "truncated";
        QTest::newRow("flipped bytes") << "flip"
                                       << "checksum mismatch";
        QTest::newRow("manifest checksum") << "manifest-sha"
                                           << "checksum mismatch";
        QTest::newRow("manifest row count") << "manifest-rows"
                                            << "the manifest says";
        QTest::newRow("file missing") << "remove"
                                      << "missing";
        QTest::newRow("manifest missing") << "remove-manifest"
                                          << "manifest";
        QTest::newRow("not a database") << "garbage"
                                        << "SQLite";
    }
    void damageFails()
    {
        QFETCH(QString, damage);
        QFETCH(QString, problem);
        const BackupResult b = freshBackup();
        if (damage == QLatin1String("truncate")) {
            QVERIFY(QFile::resize(b.path, b.manifest.bytes / 2));
        } else if (damage == QLatin1String("flip")) {
            patch(b.path, b.manifest.bytes / 2 + 100, QByteArray(64, '\x5a'));
        } else if (damage == QLatin1String("manifest-sha")) {
            editManifest(b.manifestPath, "sha256", QString(64, QLatin1Char('0')));
        } else if (damage == QLatin1String("manifest-rows")) {
            editManifest(b.manifestPath, "tables",
                         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("trades")},
                                                {QStringLiteral("rows"), 1}}});
        } else if (damage == QLatin1String("remove")) {
            QVERIFY(QFile::remove(b.path));
        } else if (damage == QLatin1String("remove-manifest")) {
            QVERIFY(QFile::remove(b.manifestPath));
        } else if (damage == QLatin1String("garbage")) {
            patch(b.path, 0, QByteArray(100, 'x'));
        }
        auto report = BackupVerifier::verify(b.path, {}, {});
        QVERIFY2(report, qPrintable(report ? QString() : report.error().oneLine()));
        QVERIFY(!report->verified());
        const QString all = report->problems.join(QStringLiteral("; "));
        QVERIFY2(all.contains(problem, Qt::CaseInsensitive), qPrintable(all));
        QCOMPARE(report->toJson().value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        if (damage != QLatin1String("remove-manifest")) {
            auto m = BackupManifest::read(b.manifestPath);
            QVERIFY(m);
            QCOMPARE(m->verification.state, Verification::State::Failed);
        }
    }

    // Offered to the wrong store, a good backup is named as another store's, and stays verified: the mismatch is
    // the caller's question, not damage to record in its manifest.
    void backupOfAnotherDatabaseIsNamedAndKeepsItsVerdict()
    {
        const BackupResult b = freshBackup();
        VerifyOptions options;
        options.expectedSourceId = m_home.filePath(QStringLiteral("other.db"));
        auto report = BackupVerifier::verify(b.path, options, {});
        QVERIFY(report);
        QVERIFY2(report->otherSource.contains(QLatin1String("another database")), qPrintable(report->otherSource));
        QVERIFY2(report->verified(), qPrintable(report->problems.join(QLatin1Char(' '))));
        auto m = BackupManifest::read(b.manifestPath);
        QVERIFY(m);
        QCOMPARE(m->verification.state, Verification::State::Verified);
    }

    void nothingThereIsNotFound()
    {
        auto report = BackupVerifier::verify(m_home.filePath(QStringLiteral("nothing.db")), {}, {});
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::NotFound);
    }

    // It was read as a SQLite file ("not a database") before: the record holds no data, pgBackRest checks the backup.
    void aPgBackRestRecordPointsToPgBackRest()
    {
        const QString record = dbops::test::PitrRecord::write(m_home.filePath(QStringLiteral("pitr")), 1);
        QVERIFY(!record.isEmpty());
        auto report = BackupVerifier::verify(record, {}, {});
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Usage);
        QVERIFY2(report.error().message.contains(QLatin1String("record of the pgBackRest backup 20261201-000000F")),
                 qPrintable(report.error().oneLine()));
        QVERIFY(report.error().hint.contains(QLatin1String("pgbackrest verify")));
    }
};

QTEST_GUILESS_MAIN(TestBackupVerifier)
#include "tst_backupverifier.moc"
