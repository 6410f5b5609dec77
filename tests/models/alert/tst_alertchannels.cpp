// What "delivered" means, on real parts (programs that succeed or fail, a webhook where nothing listens, no session
// bus, a real state.db): one channel taking an event is enough; one no channel took is sent again by the next
// evaluation until one does, unless its rule changed again; with no channel nothing is owed.
#include "alert/alertchannels.h"
#include "alert/alertstore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

const QString kTarget = QStringLiteral("/bots/trading.db");
const QString kTrue = QStringLiteral("/bin/true");
const QString kFalse = QStringLiteral("/bin/false");
const QString kDeadHook = QStringLiteral("http://127.0.0.1:9/hook"); // the discard port: nothing answers

const QDateTime kAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

AlertEvent change(const char *rule, const char *state, const char *previous)
{
    return {kTarget,
            QString::fromLatin1(rule),
            QString::fromLatin1(state),
            QString::fromLatin1(previous),
            QStringLiteral("%1 is %2").arg(QLatin1String(rule), QLatin1String(state)),
            QJsonValue(7),
            kAt};
}

AlertChannels commandChannel(const QString &program)
{
    AlertChannels c;
    c.command = program;
    return c;
}

} // namespace

class TestAlertChannels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_stores = 0;
    AlertStore newStore() { return AlertStore(m_dir.filePath(QStringLiteral("state%1.db").arg(++m_stores))); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toUtf8());
    }

    void deliveredWhenOneChannelTookIt_data()
    {
        QTest::addColumn<bool>("desktop");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("webhook");
        QTest::addColumn<bool>("delivered");
        QTest::newRow("no channel: nothing owed") << false << QString() << QString() << true;
        QTest::newRow("command ok") << false << kTrue << QString() << true;
        QTest::newRow("command failed") << false << kFalse << QString() << false;
        QTest::newRow("webhook down") << false << QString() << kDeadHook << false;
        QTest::newRow("webhook down, command ok") << false << kTrue << kDeadHook << true;
        QTest::newRow("desktop without a session") << true << QString() << QString() << false;
        QTest::newRow("desktop without a session, command ok") << true << kTrue << QString() << true;
    }
    void deliveredWhenOneChannelTookIt()
    {
        QFETCH(bool, desktop);
        QFETCH(QString, command);
        QFETCH(QString, webhook);
        QFETCH(bool, delivered);
        const AlertChannels channels{desktop, command, webhook};
        const QList<AlertSent> sent = channels.notify({change("backup", "critical", "ok")});
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().delivered, delivered);
    }

    void undeliveredEventIsSentAgain()
    {
        const AlertStore store = newStore();
        const AlertEvent critical = change("backup", "critical", "ok");
        QVERIFY(!commandChannel(kFalse).deliver(store, kTarget, {critical}).first().delivered);
        const QList<AlertSent> again = commandChannel(kTrue).deliver(store, kTarget, {});
        QCOMPARE(again.size(), 1);
        QVERIFY(again.first().resent);
        QVERIFY(again.first().delivered);
        QCOMPARE(again.first().event.at, kAt);
        QVERIFY(commandChannel(kTrue).deliver(store, kTarget, {}).isEmpty()); // delivered: owed no more
    }

    void newerChangeReplacesTheOwedOne()
    {
        const AlertStore store = newStore();
        QVERIFY(
            !commandChannel(kFalse).deliver(store, kTarget, {change("backup", "critical", "ok")}).first().delivered);
        const QList<AlertSent> sent =
            commandChannel(kTrue).deliver(store, kTarget, {change("backup", "ok", "critical")});
        QCOMPARE(sent.size(), 1);
        QVERIFY(!sent.first().resent);
        QVERIFY(sent.first().event.recovery());
    }

    void noChannelOwesNothing()
    {
        const AlertStore store = newStore();
        QVERIFY(AlertChannels().deliver(store, kTarget, {change("backup", "critical", "ok")}).first().delivered);
        QVERIFY(store.undelivered(kTarget)->isEmpty());
    }

    void unusableCommandIsUsageError_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("usable");
        QTest::newRow("executable") << kTrue << true;
        QTest::newRow("on PATH") << "true" << true;
        QTest::newRow("does not exist") << "/nonexistent/prog" << false;
        QTest::newRow("not on PATH") << "no-such-dbops-notifier" << false;
        QTest::newRow("a folder") << m_dir.path() << false;
        QTest::newRow("not executable") << m_dir.filePath(QStringLiteral("plain.txt")) << false;
    }
    void unusableCommandIsUsageError()
    {
        QFETCH(QString, command);
        QFETCH(bool, usable);
        QFile plain(m_dir.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const Error e = commandChannel(command).check();
        QCOMPARE(!e, usable);
        if (!usable)
            QCOMPARE(e.code, ErrorCode::Usage);
    }
};

QTEST_GUILESS_MAIN(TestAlertChannels)
#include "tst_alertchannels.moc"
