// The notifiers on real parts: the webhook POSTs one JSON body to a real HTTP server on 127.0.0.1 and never names
// its token in an error; the command gets the alert as JSON on stdin and DBOPS_ALERT_* variables; the desktop
// notifier, with no session bus, is skipped without an error.
#include "alert/alertnotifiers.h"
#include "hookserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;
using namespace dbops::test;

namespace {

const QString kToken = QStringLiteral("s3cr3t-T0KEN");

AlertEvent sampleEvent()
{
    return {QStringLiteral("/bots/trading.db"),
            QStringLiteral("backup"),
            QStringLiteral("warning"),
            QStringLiteral("ok"),
            QStringLiteral("newest verified backup 27 h ago"),
            QJsonValue(97200),
            QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC)};
}

} // namespace

class TestAlertNotifiers : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // No session bus: an address where nothing listens (and no autolaunch).
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toUtf8());
    }

    void webhookPostsTheAlertAsJson_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("target") << "target"
                                << "/bots/trading.db";
        QTest::newRow("rule") << "rule"
                              << "backup";
        QTest::newRow("state") << "state"
                               << "warning";
        QTest::newRow("previous_state") << "previous_state"
                                        << "ok";
        QTest::newRow("reason") << "reason"
                                << "newest verified backup 27 h ago";
        QTest::newRow("at") << "at"
                            << "2026-12-04T12:00:00Z";
        QTest::newRow("kind") << "kind"
                              << "alert";
    }
    void webhookPostsTheAlertAsJson()
    {
        QFETCH(QString, key);
        QFETCH(QString, expected);
        HookServer server;
        QVERIFY(server.listen());
        const Error e = WebhookNotifier::send(server.url(QStringLiteral("/hook?token=") + kToken), sampleEvent());
        QVERIFY2(!e, qPrintable(e.oneLine()));
        QCOMPARE(server.requests().size(), 1);
        const HookRequest &r = server.requests().first();
        QVERIFY2(r.head.startsWith("POST /hook?token="), r.head.constData());
        QVERIFY(r.head.toLower().contains("content-type: application/json"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(key).toString(), expected);
        QCOMPARE(body.value(QStringLiteral("value")).toInt(), 97200);
    }

    void webhookErrorNamesNoToken()
    {
        HookServer server(500);
        QVERIFY(server.listen());
        const QString url =
            QStringLiteral("http://bot:%1@127.0.0.1:%2/hook/%1?token=%1").arg(kToken).arg(server.port());
        const Error e = WebhookNotifier::send(url, sampleEvent());
        QVERIFY(e);
        QVERIFY2(e.oneLine().contains(QStringLiteral("127.0.0.1")), qPrintable(e.oneLine()));
        QVERIFY2(!QString(e.oneLine() + e.detail).contains(kToken), qPrintable(e.oneLine()));
    }

    void commandGetsTheAlertOnStdin()
    {
        const QString script = m_dir.filePath(QStringLiteral("on-alert.sh"));
        const QString out = m_dir.filePath(QStringLiteral("stdin.json"));
        const QString env = m_dir.filePath(QStringLiteral("env.txt"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QStringLiteral("#!/bin/sh\ncat > '%1'\nprintf '%s %s' \"$DBOPS_ALERT_RULE\" \"$DBOPS_ALERT_KIND\" > '%2'\n")
                .arg(out, env)
                .toUtf8());
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const Error e = CommandNotifier::send(script, sampleEvent());
        QVERIFY2(!e, qPrintable(e.oneLine()));
        QFile in(out);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QJsonObject body = QJsonDocument::fromJson(in.readAll()).object();
        QCOMPARE(body.value(QStringLiteral("rule")).toString(), QStringLiteral("backup"));
        QCOMPARE(body.value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
        QFile vars(env);
        QVERIFY(vars.open(QIODevice::ReadOnly));
        QCOMPARE(vars.readAll(), QByteArray("backup alert"));
    }

    void commandThatFailsIsReported()
    {
        const Error e = CommandNotifier::send(QStringLiteral("/bin/false"), sampleEvent());
        QVERIFY(e);
        QVERIFY2(e.oneLine().contains(QStringLiteral("/bin/false")), qPrintable(e.oneLine()));
    }

    void desktopSkippedWithoutSessionBus()
    {
        QVERIFY(!DesktopNotifier::available());
        const Error e = DesktopNotifier::send(sampleEvent());
        QVERIFY2(!e, qPrintable(e.oneLine()));
    }
};

QTEST_GUILESS_MAIN(TestAlertNotifiers)
#include "tst_alertnotifiers.moc"
