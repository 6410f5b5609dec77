// A profile's password through a real secret service: a private D-Bus session bus and GNOME Keyring
// (gnome-keyring-daemon, unlocked with a test password), started for this test only. Kept, read back, forgotten;
// and no file holds the password in clear.
#include "session/passwordkeeper.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace dbops;

namespace {

const QString kPassword = QStringLiteral("s3cret-kept-in-the-keyring");

Target target()
{
    PgParams pg;
    pg.host = QStringLiteral("db.internal");
    pg.dbname = QStringLiteral("trading");
    pg.user = QStringLiteral("bot");
    return Target::postgres(pg);
}

struct Answer {
    bool done = false;
    QString password;
    Error error;
};

} // namespace

class TestPasswordKeeperService : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QProcess m_bus, m_keyring;

    Answer store(PasswordKeeper &keeper)
    {
        Answer a;
        keeper.store(target(), kPassword, [&a](const Error &e) {
            a.error = e;
            a.done = true;
        });
        if (!QTest::qWaitFor([&a] { return a.done; }, 30000))
            a.error = Error::make(ErrorCode::Timeout, QStringLiteral("the secret service did not answer"));
        return a;
    }

    Answer read(PasswordKeeper &keeper)
    {
        Answer a;
        keeper.read(target(), [&a](const QString &p, const Error &e) {
            a.password = p;
            a.error = e;
            a.done = true;
        });
        if (!QTest::qWaitFor([&a] { return a.done; }, 30000))
            a.error = Error::make(ErrorCode::Timeout, QStringLiteral("the secret service did not answer"));
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(PasswordKeeper::compiledIn());
        const QString busDaemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyringDaemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        QVERIFY2(!busDaemon.isEmpty() && !keyringDaemon.isEmpty(),
                 "needs dbus-daemon and gnome-keyring-daemon (Debian: dbus-daemon, gnome-keyring)");
        QVERIFY(m_home.isValid());
        for (const char *var :
             {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"})
            qputenv(var, m_home.path().toUtf8());
        qunsetenv("DISPLAY");
        m_bus.start(busDaemon,
                    {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        QVERIFY(m_bus.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine() || m_bus.waitForReadyRead(100), 10000);
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        m_keyring.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
        m_keyring.start(keyringDaemon, {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                                        QStringLiteral("--components=secrets")});
        QVERIFY(m_keyring.waitForStarted());
        m_keyring.write("dbops-test-keyring");
        m_keyring.closeWriteChannel();
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_keyring, &m_bus}) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
        }
    }

    void keptReadBackAndForgotten()
    {
        PasswordKeeper keeper;
        Answer kept;
        // The keyring registers on the bus a moment after it starts.
        QTRY_VERIFY_WITH_TIMEOUT(!(kept = store(keeper)).error, 20000);
        const Answer back = read(keeper);
        QVERIFY2(!back.error, qPrintable(back.error.oneLine()));
        QCOMPARE(back.password, kPassword);

        Answer forgotten;
        keeper.forget(target(), [&forgotten](const Error &e) {
            forgotten.error = e;
            forgotten.done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(forgotten.done, 30000);
        QVERIFY2(!forgotten.error, qPrintable(forgotten.error.oneLine()));
        QCOMPARE(read(keeper).error.code, ErrorCode::NotFound);
    }

    void noFileHoldsThePasswordInClear()
    {
        PasswordKeeper keeper;
        QVERIFY(!store(keeper).error);
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains(kPassword.toUtf8()), qPrintable(f.fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TestPasswordKeeperService)
#include "tst_passwordkeeperservice.moc"
