#include "offscreenapplication.h"

#include <QGuiApplication>

namespace dbops {

std::unique_ptr<QCoreApplication> OffscreenApplication::make(int &argc, char *argv[], bool draws)
{
    if (!draws)
        return std::make_unique<QCoreApplication>(argc, argv);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The platform's start-up chatter ("XDG_RUNTIME_DIR not set" on a server) is not the operator's business and
    // would break the CLI's one-line stderr; the log takes Qt's messages once it is set up.
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    auto app = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(previous);
    return app;
}

} // namespace dbops
