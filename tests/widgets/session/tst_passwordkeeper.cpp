// A profile's password without a secret service (no D-Bus session bus here): reading and keeping it both
// answer with one clear error, so the console asks at each connect as before — and nothing is written to any
// file: not the password, not QtKeychain's plain-text fallback.
#include "session/passwordkeeper.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;

namespace {

const QString kPassword = QStringLiteral("s3cret-typed-by-the-operator");

Target target()
{
    PgParams pg;
    pg.host = QStringLiteral("db.internal");
    pg.port = 5432;
    pg.dbname = QStringLiteral("trading");
    pg.user = QStringLiteral("bot");
    Target t = Target::postgres(pg);
    t.profileName = QStringLiteral("prod");
    return t;
}

// Every file under `dir` that exists, or that holds `needle`.
QStringList filesUnder(const QString &dir, const QByteArray &needle = {})
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (needle.isEmpty() || (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle)))
            found << path;
    }
    return found;
}

} // namespace

class TestPasswordKeeper : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // No session bus, and none to autolaunch: the machine of an operator without a keyring.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_home.filePath(QStringLiteral("no-bus")).toUtf8());
        qunsetenv("DISPLAY");
        for (const char *var : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"})
            qputenv(var, m_home.path().toUtf8());
    }

    void readingWithoutServiceSaysSo()
    {
        PasswordKeeper keeper;
        bool answered = false;
        QString password = QStringLiteral("unchanged");
        Error error;
        keeper.read(target(), [&](const QString &p, const Error &e) {
            answered = true;
            password = p;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
        QVERIFY(password.isEmpty());
        QCOMPARE(error.code, ErrorCode::Unsupported);
        QVERIFY2(error.oneLine().contains(QLatin1String("asked at each connect")), qPrintable(error.oneLine()));
    }

    void keepingWithoutServiceWritesNothing()
    {
        PasswordKeeper keeper;
        bool answered = false;
        Error error;
        keeper.store(target(), kPassword, [&](const Error &e) {
            answered = true;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
        QCOMPARE(error.code, ErrorCode::Unsupported);
        QVERIFY(!error.oneLine().contains(kPassword));
        QCOMPARE(filesUnder(m_home.path(), kPassword.toUtf8()), QStringList());
        QCOMPARE(filesUnder(m_home.path()), QStringList()); // no fallback settings file either
    }

    void entryIsNamedWithoutThePassword()
    {
        Target t = target();
        t.pg.password = kPassword;
        QVERIFY(!PasswordKeeper::keyFor(t).contains(kPassword));
        QCOMPARE(PasswordKeeper::keyFor(t), PasswordKeeper::keyFor(target()));
    }
};

QTEST_GUILESS_MAIN(TestPasswordKeeper)
#include "tst_passwordkeeper.moc"
