#include "alert/alertnotifiers.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <spdlog/spdlog.h>

namespace dbops {

bool DesktopNotifier::available() { return QDBusConnection::sessionBus().isConnected(); }

Error DesktopNotifier::send(const AlertEvent &event, bool *shown)
{
    if (shown)
        *shown = false;
    if (!available()) {
        spdlog::debug("alert: no D-Bus session bus, desktop notification skipped");
        return {};
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    const int urgency = event.state == QLatin1String("critical") ? 2 : 1;
    call << QStringLiteral("dbops") << uint(0) << QStringLiteral("dbops") << event.summary() << event.line()
         << QStringList() << QVariantMap{{QStringLiteral("urgency"), QVariant::fromValue(uchar(urgency))}} << int(-1);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 5000);
    if (reply.type() == QDBusMessage::ErrorMessage) {
        // A session without a notification daemon: nothing to show it on, not a failure of the watch.
        spdlog::debug("alert: desktop notification not shown: {}", reply.errorMessage().toStdString());
    } else if (shown) {
        *shown = true;
    }
    return {};
}

Error CommandNotifier::check(const QString &program)
{
    const QString found = program.contains(QLatin1Char('/')) ? program : QStandardPaths::findExecutable(program);
    const QFileInfo file(found);
    if (!found.isEmpty() && file.isFile() && file.isExecutable())
        return {};
    const QString why = found.isEmpty() || !file.exists() ? QStringLiteral("does not exist")
                        : file.isDir()                    ? QStringLiteral("is a folder")
                                                          : QStringLiteral("is not executable");
    return Error::make(ErrorCode::Usage, QStringLiteral("the alert command %1 %2").arg(program, why),
                       QStringLiteral("give an executable file (no shell words) in --command or alert_command; "
                                      "chmod +x a script"));
}

Error CommandNotifier::send(const QString &program, const AlertEvent &event, int timeoutMs)
{
    QProcess p;
    p.setProgram(program);
    p.setProcessEnvironment(event.environment());
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start();
    if (!p.waitForStarted(timeoutMs))
        return Error::make(ErrorCode::Usage, QStringLiteral("alert command %1 did not start").arg(program),
                           QStringLiteral("give an executable file (no shell words) in --command or alert_command"),
                           p.errorString());
    p.write(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return Error::make(
            ErrorCode::Timeout,
            QStringLiteral("alert command %1 ran longer than %2 s and was stopped").arg(program).arg(timeoutMs / 1000));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error::make(ErrorCode::Io,
                           QStringLiteral("alert command %1 failed (exit %2)").arg(program).arg(p.exitCode()));
    return {};
}

QString WebhookNotifier::safeName(const QString &url)
{
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty())
        return QStringLiteral("(an unusable URL)");
    return u.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

Error WebhookNotifier::check(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (u.isValid() && !u.host().isEmpty() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")))
        return {};
    return Error::make(ErrorCode::Usage, QStringLiteral("the webhook %1 is not an http(s) URL").arg(safeName(url)),
                       QStringLiteral("give https://host/path (a token may sit in the path or query)"));
}

Error WebhookNotifier::send(const QString &url, const AlertEvent &event, int timeoutMs)
{
    if (const Error e = check(url))
        return e;
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = manager.post(request, QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit); // the transfer timeout's backstop
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool done = reply->isFinished() && reply->error() == QNetworkReply::NoError;
    reply->abort();
    reply->deleteLater();
    if (done)
        return {};
    // The reply's own text may repeat the URL with its token: only the host is named.
    return Error::make(
        ErrorCode::Io,
        QStringLiteral("webhook %1 did not take the alert (%2)")
            .arg(safeName(url), status ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("no answer")),
        QStringLiteral("check the URL in --webhook or the profile's alert_webhook"));
}

} // namespace dbops
