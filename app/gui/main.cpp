// dbops-console: the GUI. Opens on --db TARGET, else on the target the bot's environment names (when it
// opens), else on the welcome page.
#include "log/logging.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dbops-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("dbops console"));
    QApplication::setApplicationVersion(QStringLiteral(DBOPS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("dbops"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Database operations console for trading-bot SQLite and "
                                                    "PostgreSQL stores."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("Open TARGET: a SQLite file, a data directory, sqlite:///path, "
                                               "postgresql://…, service=name, or a saved profile name."),
                                QStringLiteral("TARGET"));
    const QCommandLineOption settings(QStringLiteral("settings"),
                                      QStringLiteral("The bot's settings.json, for detecting its store."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open the demo store in DIR (created when missing)."),
                                  QStringLiteral("DIR"));
    parser.addOptions({db, settings, demo});
    parser.process(app);

    dbops::Logging::setup(dbops::Logging::Mode::Gui);

    dbops::MainWindow window;
    dbops::StartupOptions options;
    options.db = parser.value(db);
    options.settingsJson = parser.value(settings);
    options.demoDir = parser.value(demo);
    window.show();
    window.start(options);
    return app.exec();
}
