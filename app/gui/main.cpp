// dbops-console: the GUI. Opens on --db TARGET, else on the target the bot's environment names (when it
// opens), else on the welcome page.
#include "log/logging.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

namespace {

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("dbops-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DBOPS_VERSION));
}

struct Options {
    QCommandLineOption db{QStringLiteral("db"),
                          QStringLiteral("Open TARGET: a SQLite file, a data directory, sqlite:///path, "
                                         "postgresql://…, service=name, or a saved profile name."),
                          QStringLiteral("TARGET")};
    QCommandLineOption settings{QStringLiteral("settings"),
                                QStringLiteral("The bot's settings.json, for detecting its store."),
                                QStringLiteral("FILE")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            QStringLiteral("Open the demo store in DIR (created when missing)."),
                            QStringLiteral("DIR")};
    QCommandLineOption readOnly{QStringLiteral("read-only"),
                                QStringLiteral("Start in incident mode: every action that would change a store is "
                                               "refused until it is left (View > Read-only), with a reason.")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral("Database operations console for trading-bot SQLite and "
                                                        "PostgreSQL stores."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({db, settings, demo, readOnly});
    }
};

// --help and --version only print: answered without a display (QApplication would need one to start).
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-?" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const Options opts;
    if (onlyPrints(argc, argv)) {
        QCoreApplication core(argc, argv);
        nameApplication();
        QCommandLineParser parser;
        opts.addTo(parser);
        parser.process(core); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("dbops console"));
    QApplication::setDesktopFileName(QStringLiteral("dbops"));

    QCommandLineParser parser;
    opts.addTo(parser);
    parser.process(app);

    dbops::Logging::setup(dbops::Logging::Mode::Gui);

    dbops::MainWindow window;
    dbops::StartupOptions options;
    options.db = parser.value(opts.db);
    options.settingsJson = parser.value(opts.settings);
    options.demoDir = parser.value(opts.demo);
    options.readOnly = parser.isSet(opts.readOnly);
    window.show();
    window.start(options);
    return app.exec();
}
