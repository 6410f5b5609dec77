// Stores written by the real migration tools Debian packages (python3-alembic, python3-django), run through
// /usr/bin/python3: the reader must see what the tools themselves recorded.
#include "connection/connector.h"
#include "schema/migrationprobe.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

QByteArray source(const char *name)
{
    QFile f(QStringLiteral(DBOPS_SOURCE_DIR "/tests/models/schema/realtools/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Runs Debian's python3 on `script`; empty on success, else what went wrong.
QString python(const QString &script, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return QString::fromUtf8(p.readAllStandardError());
    return {};
}

bool hasModule(const char *module)
{
    return python(QStringLiteral("import %1").arg(QLatin1String(module)), {}).isEmpty();
}

QStringList versions(const QList<MigrationEntry> &list)
{
    QStringList v;
    for (const MigrationEntry &e : list)
        v << e.version;
    return v;
}

} // namespace

class TestRealTools : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void alembicBranchedHistory();
    void djangoPartlyMigrated();

private:
    QTemporaryDir m_tmp;
};

void TestRealTools::alembicBranchedHistory()
{
    if (!hasModule("alembic"))
        QFAIL("Debian's python3-alembic is not installed (apt-get install python3-alembic; the setup script installs "
              "it for tests)");
    const QString dir = m_tmp.filePath(QStringLiteral("alembic"));
    const QString db = m_tmp.filePath(QStringLiteral("alembic.db"));
    QDir().mkpath(dir);
    QString err = python(QString::fromUtf8(source("make_alembic.py")), {dir, db, QStringLiteral("b1")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    auto r = MigrationProbe::collect(Target::sqliteFile(db), SessionOptions::monitor(),
                                     QString(dir + QStringLiteral("/env")));
    QVERIFY2(r, qPrintable(r.error().oneLine()));
    QCOMPARE(r->tools.size(), 1);
    QCOMPARE(r->tools.first().tool, QStringLiteral("alembic"));
    QCOMPARE(r->tools.first().current, QStringLiteral("b1"));
    QCOMPARE(versions(r->tools.first().pending), QStringList({"c1", "d1"}));

    err = python(QString::fromUtf8(source("make_alembic.py")), {dir, db, QStringLiteral("heads")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    r = MigrationProbe::collect(Target::sqliteFile(db), SessionOptions::monitor(),
                                QString(dir + QStringLiteral("/env")));
    QVERIFY(r);
    QCOMPARE(r->tools.first().heads, QStringList({"c1", "d1"}));
    QCOMPARE(r->tools.first().pending.size(), 0);
    QCOMPARE(r->tools.first().missingFiles.size(), 0);
}

void TestRealTools::djangoPartlyMigrated()
{
    if (!hasModule("django"))
        QFAIL("Debian's python3-django is not installed (apt-get install python3-django; the setup script installs it "
              "for tests)");
    const QString dir = m_tmp.filePath(QStringLiteral("django"));
    const QString db = m_tmp.filePath(QStringLiteral("django.db"));
    QVERIFY(write(dir + QStringLiteral("/shop/__init__.py"), ""));
    QVERIFY(write(dir + QStringLiteral("/shop/models.py"), ""));
    QVERIFY(write(dir + QStringLiteral("/shop/migrations/__init__.py"), ""));
    QVERIFY(write(dir + QStringLiteral("/shop/migrations/0001_initial.py"), source("django_0001_initial.py")));
    QVERIFY(write(dir + QStringLiteral("/shop/migrations/0002_price.py"), source("django_0002_price.py")));
    const QString err = python(QString::fromUtf8(source("make_django.py")), {dir, db, QStringLiteral("0001")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    auto r = MigrationProbe::collect(Target::sqliteFile(db), SessionOptions::monitor(), dir);
    QVERIFY2(r, qPrintable(r.error().oneLine()));
    QCOMPARE(r->tools.size(), 1);
    const MigrationState &s = r->tools.first();
    QCOMPARE(s.tool, QStringLiteral("django"));
    QCOMPARE(s.current, QStringLiteral("shop.0001_initial"));
    QVERIFY(!s.applied.first().appliedAt.isEmpty());
    QCOMPARE(versions(s.pending), QStringList{"shop.0002_price"});
    QCOMPARE(s.missingFiles.size(), 0);
}

QTEST_GUILESS_MAIN(TestRealTools)
#include "tst_realtools.moc"
