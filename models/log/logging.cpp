#include "log/logging.h"

#include "core/paths.h"
#include "core/redact.h"
#include "log/logbuffer.h"

#include <QDateTime>
#include <mutex>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace dbops {

namespace {

// Redacts each message, then hands it to the real sinks and to the LogBuffer.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    RedactingSink(std::vector<spdlog::sink_ptr> sinks, LogBuffer *buffer) : m_sinks(std::move(sinks)), m_buffer(buffer)
    {}

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const QString clean = Redact::text(QString::fromUtf8(msg.payload.data(), int(msg.payload.size())));
        const std::string text = clean.toStdString();
        spdlog::details::log_msg copy(msg);
        copy.payload = text;
        for (auto &sink : m_sinks)
            if (sink->should_log(copy.level))
                sink->log(copy);
        if (m_buffer) {
            const auto level = spdlog::level::to_string_view(msg.level);
            m_buffer->append({QDateTime::currentDateTime(), QString::fromUtf8(level.data(), int(level.size())),
                              QString::fromUtf8(msg.logger_name.data(), int(msg.logger_name.size())), clean});
        }
    }
    void flush_() override
    {
        for (auto &sink : m_sinks)
            sink->flush();
    }

private:
    std::vector<spdlog::sink_ptr> m_sinks;
    LogBuffer *m_buffer;
};

void qtMessageToSpdlog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg: spdlog::debug("qt: {}", text); break;
    case QtInfoMsg: spdlog::info("qt: {}", text); break;
    case QtWarningMsg: spdlog::warn("qt: {}", text); break;
    case QtCriticalMsg:
    case QtFatalMsg: spdlog::error("qt: {}", text); break;
    }
}

} // namespace

LogBuffer *Logging::buffer()
{
    static LogBuffer *instance = new LogBuffer; // lives as long as the process; sinks may log at exit
    return instance;
}

QString Logging::file() { return Paths::logFile(); }

void Logging::setup(Mode mode, bool verbose)
{
    std::vector<spdlog::sink_ptr> sinks;
    try {
        auto file =
            std::make_shared<spdlog::sinks::rotating_file_sink_mt>(Paths::logFile().toStdString(), 5 * 1024 * 1024, 3);
        file->set_level(spdlog::level::debug);
        sinks.push_back(file);
    } catch (const spdlog::spdlog_ex &) {
        // An unwritable state dir must not stop the console; stderr and the panel still get the log.
    }
    auto err = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    err->set_level(mode == Mode::Cli && !verbose ? spdlog::level::err : spdlog::level::info);
    if (mode == Mode::Cli)
        err->set_pattern("dbops: %v");
    sinks.push_back(err);
    auto root = std::make_shared<RedactingSink>(sinks, mode == Mode::Gui ? buffer() : nullptr);
    auto logger = std::make_shared<spdlog::logger>("dbops", root);
    logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    qInstallMessageHandler(qtMessageToSpdlog);
}

} // namespace dbops
