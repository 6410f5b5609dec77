#include "passwordprompt.h"

#include "connection/connector.h"

#include <algorithm>
#include <csignal>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace dbops::cli {
namespace {

// The terminal's settings while echo is off, for the Ctrl-C handler to put back.
int g_ttyFd = -1;
termios g_saved{};

void restoreAndReraise(int sig)
{
    tcsetattr(g_ttyFd, TCSANOW, &g_saved); // async-signal-safe, as are signal() and raise()
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// libpq's words when the server asked for a password and none was available (see Connector::classify's detail).
bool wantsPassword(const Error &e)
{
    return e.code == ErrorCode::AuthFailed && e.detail.contains(QLatin1String("no password supplied"));
}

} // namespace

QString PasswordPrompt::readHidden(int fd, FILE *promptTo, const QString &prompt)
{
    auto oldInt = SIG_DFL;
    if (isatty(fd) && tcgetattr(fd, &g_saved) == 0) {
        g_ttyFd = fd;
        termios quiet = g_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL; // the Enter still moves to the next line
        oldInt = std::signal(SIGINT, restoreAndReraise);
        tcsetattr(fd, TCSANOW, &quiet); // before the prompt: nothing typed after it is ever echoed
    }
    std::fputs(prompt.toLocal8Bit().constData(), promptTo);
    std::fflush(promptTo);
    std::string line;
    char c = 0;
    while (read(fd, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    if (g_ttyFd == fd) {
        tcsetattr(fd, TCSADRAIN, &g_saved);
        std::signal(SIGINT, oldInt);
        g_ttyFd = -1;
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    const QString password = QString::fromLocal8Bit(line.data(), qsizetype(line.size()));
    std::fill(line.begin(), line.end(), '\0'); // no copy of the secret left behind in this buffer
    return password;
}

void PasswordPrompt::askIfNeeded(Target &target)
{
    if (!target.isPostgres() || !target.pg.password.isEmpty() || !isatty(STDIN_FILENO))
        return;
    Error refused;
    {
        ScopedConnection probe(target, SessionOptions::monitor(), QStringLiteral("password-check"));
        refused = probe.error();
    }
    if (!wantsPassword(refused))
        return; // connected, or failed for another reason the command itself reports
    const QString user = target.pg.user.isEmpty() ? qEnvironmentVariable("PGUSER") : target.pg.user;
    target.pg.password =
        readHidden(STDIN_FILENO, stderr,
                   QStringLiteral("Password for %1 at %2: ")
                       .arg(user.isEmpty() ? QStringLiteral("your login") : user, Connector::pgLabel(target)));
}

Error PasswordPrompt::withHint(const Error &error)
{
    if (error.code != ErrorCode::AuthFailed || !error.message.startsWith(QLatin1String("password")))
        return error;
    Error e = error;
    e.hint = isatty(STDIN_FILENO)
                 ? QStringLiteral("type the right password when asked, or fix the entry in ~/.pgpass (or the file "
                                  "PGPASSFILE names)")
                 : QStringLiteral("put the password in ~/.pgpass (or the file PGPASSFILE names, mode 0600), or run "
                                  "the command on a terminal to be asked for it; dbops never takes one on its "
                                  "command line");
    return e;
}

} // namespace dbops::cli
