// The PostgreSQL restore preview never claims more than its counts support: a trade inserted after the backup
// with an old timestamp (a back-filled or late row) is not newer than the backup, yet the restore takes it away.
// Before, the preview said "nothing will be lost" and called its 0 exact.
#include "clirunner.h"
#include "pgclifixture.h"
#include "pgtestserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {
const QString kDb = QStringLiteral("dbops_cli_restorepreview");
}

class TestPgCliRestorePreview : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_backup;

    CliResult preview(bool json) const
    {
        QStringList args{QStringLiteral("restore"), m_backup, QStringLiteral("--db"), PgCliFixture::uri(kDb)};
        if (json)
            args << QStringLiteral("--json");
        return CliRunner::run(args, m_env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        DBOPS_REQUIRE_PG();
        m_env = PgCliFixture::environment(m_dir.path());
        QVERIFY(!PgTestServer::createDatabase(kDb));
        QVERIFY(PgTestServer::exec(
            {QStringLiteral("CREATE TABLE trades (id bigint PRIMARY KEY, symbol text, price numeric, "
                            "created_at timestamptz NOT NULL DEFAULT now())"),
             QStringLiteral(
                 "INSERT INTO trades (id, symbol, price) SELECT g, 'BTCUSDT', g FROM generate_series(1, 200) g")},
            kDb));
        m_backup = PgCliFixture::backup(kDb, m_dir.filePath(QStringLiteral("backups")), m_env);
        QVERIFY(!m_backup.isEmpty());
        QVERIFY(PgTestServer::exec({QStringLiteral("INSERT INTO trades (id, symbol, price, created_at) "
                                                   "VALUES (900001, 'OLD', 1, now() - interval '30 days')")},
                                   kDb));
    }

    void backdatedRowCountsAsAnInexactLoss()
    {
        DBOPS_REQUIRE_PG();
        const CliResult r = preview(true);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QJsonObject trades;
        for (const QJsonValue &t :
             r.json().value(QLatin1String("impact")).toObject().value(QLatin1String("tables")).toArray())
            if (t.toObject().value(QLatin1String("name")).toString() == QLatin1String("public.trades"))
                trades = t.toObject();
        QCOMPARE(trades.value(QLatin1String("rows_now")).toInteger(), 201);
        QCOMPARE(trades.value(QLatin1String("rows_backup")).toInteger(), 200);
        QCOMPARE(trades.value(QLatin1String("rows_newer")).toInteger(), 0);
        QVERIFY(trades.value(QLatin1String("rows_lost_estimate")).toInteger() >= 1);
        QCOMPARE(trades.value(QLatin1String("rows_lost_exact")).toBool(true), false);
    }

    void previewDoesNotSayNothingWillBeLost()
    {
        DBOPS_REQUIRE_PG();
        const CliResult r = preview(false);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(!text.contains(QLatin1String("nothing will be lost")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("about 1 public.trades rows will be lost")), qPrintable(text));
    }

    void cleanupTestCase()
    {
        QString why;
        if (PgTestServer::available(&why))
            PgTestServer::dropDatabase(kDb);
    }
};

QTEST_GUILESS_MAIN(TestPgCliRestorePreview)
#include "tst_pg_cli_restorepreview.moc"
