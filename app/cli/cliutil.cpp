#include "cliutil.h"

#include "passwordprompt.h"

#include "core/printable.h"

#include "connection/connector.h"
#include "connection/profilestore.h"
#include "core/incidentmode.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>
#include <cstdio>
#include <spdlog/spdlog.h>

namespace dbops::cli {

CommandLine::CommandLine(const QString &name, const QString &description, bool takesTarget)
    : m_name(name), m_takesTarget(takesTarget)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON on stdout.")});
    m_parser.addOption({QStringLiteral("read-only"),
                        QStringLiteral("Incident mode: refuse every action that would change a store (restore, "
                                       "cleanup, maintain, terminate, lock removal, prune); backup, verify and "
                                       "monitoring run, on read-only sessions.")});
    if (takesTarget) {
        m_parser.addOption({QStringLiteral("db"),
                            QStringLiteral("The store: a profile name, a SQLite file or data directory, "
                                           "sqlite:///path, postgresql://user@host:port/db or service=NAME. "
                                           "Without it: detected from DATABASE_TYPE/DB_TYPE, DATABASE_URL, "
                                           "--settings, DB_PATH (default data/trading.db) and PG* variables."),
                            QStringLiteral("TARGET")});
        m_parser.addOption({QStringLiteral("settings"),
                            QStringLiteral("The bot's settings.json, used by environment detection."),
                            QStringLiteral("FILE")});
    }
}

bool CommandLine::parse(const QStringList &args, int *exitCode)
{
    if (!m_parser.parse(args)) {
        *exitCode = fail(
            Error::make(ErrorCode::Usage, m_parser.errorText(), QStringLiteral("see `dbops %1 --help`").arg(m_name)),
            args.contains(QStringLiteral("--json")));
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        // Qt names the binary by its path; say what the operator types instead.
        static const QRegularExpression usageLine(QStringLiteral("^Usage: \\S+"));
        QTextStream(stdout) << m_parser.helpText().replace(usageLine, QStringLiteral("Usage: dbops ") + m_name);
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

bool CommandLine::json() const { return m_parser.isSet(QStringLiteral("json")); }

bool CommandLine::readOnly() const { return m_parser.isSet(QStringLiteral("read-only")); }

Expected<DetectedTarget> CommandLine::target() const
{
    if (m_takesTarget && m_parser.isSet(QStringLiteral("db"))) {
        const QString text = m_parser.value(QStringLiteral("db"));
        const ProfileStore profiles;
        auto target = profiles.resolve(text);
        if (!target)
            return target.error();
        if (!target->profileName.isEmpty()) // read_only=true in the profile: incident mode before any session
            if (const auto profile = profiles.find(target->profileName))
                IncidentMode::setProfile(profile->readOnly);
        DetectedTarget detected;
        detected.target = target.value();
        detected.origins << SettingOrigin{QStringLiteral("target"), target->display(), QStringLiteral("--db")};
        return detected;
    }
    const QString settings = m_takesTarget ? m_parser.value(QStringLiteral("settings")) : QString();
    return EnvDetector::detect(QProcessEnvironment::systemEnvironment(), QDir::currentPath(), settings);
}

void printJson(const QJsonObject &object)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    fwrite(text.constData(), 1, size_t(text.size()), stdout);
    fflush(stdout);
}

void printError(const Error &error)
{
    if (!error.detail.isEmpty()) // the engine's own words: for --verbose and the log file, not the message
        spdlog::info("{}: {}", error.codeName().toStdString(), error.detail.toStdString());
    QTextStream(stderr) << "dbops: " << Printable::name(error.oneLine()) << Qt::endl; // one line, always
}

int fail(const Error &given, bool json, const QString &status)
{
    const Error error = PasswordPrompt::withHint(given);
    printError(error);
    if (json) {
        QJsonObject e{{QStringLiteral("code"), error.codeName()},
                      {QStringLiteral("message"), error.message},
                      {QStringLiteral("hint"), error.hint}};
        if (!error.sqlState.isEmpty())
            e.insert(QStringLiteral("sqlstate"), error.sqlState);
        printJson({{QStringLiteral("status"), status}, {QStringLiteral("error"), e}});
    }
    return exitCodeFor(error);
}

Expected<double> numberOption(const QCommandLineParser &parser, const QString &name, double fallback,
                              const QString &command)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < 0)
        return Error::make(ErrorCode::Usage,
                           QStringLiteral("--%1 wants a number, not \"%2\"").arg(name, parser.value(name)),
                           QStringLiteral("see `dbops %1 --help`").arg(command));
    return v;
}

QString replicaFolder(const QCommandLineParser &parser, const Target &target)
{
    const QString given = parser.value(QStringLiteral("replica"));
    return given.isEmpty() ? ProfileStore().replicaOf(target) : given;
}

Error missingStore(const Target &target)
{
    if (target.kind != Target::Kind::SqliteFile || QFileInfo::exists(target.path))
        return {};
    return Connector::checkSqliteFile(target.path);
}

} // namespace dbops::cli
