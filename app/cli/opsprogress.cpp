#include "opsprogress.h"

#include <QElapsedTimer>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace dbops::cli {

OpControl progressControl(bool show)
{
    OpControl control;
    if (!show)
        return control;
    struct State {
        QElapsedTimer timer;
        qint64 last = -1000;
        QString what;
        bool tty = isatty(fileno(stderr)) != 0;
    };
    auto state = std::make_shared<State>();
    state->timer.start();
    control.progress = [state](qint64 done, qint64 total, const QString &what) {
        const bool finished = total > 0 && done >= total;
        const bool newStep = what != state->what;
        if (!newStep && !finished && state->timer.elapsed() - state->last < 200)
            return;
        state->last = state->timer.elapsed();
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        if (state->tty) {
            // One line, rewritten in place; a finished step keeps its line.
            fprintf(stderr, "\r\033[K%3d%%  %s", percent, qPrintable(what));
            if (finished)
                fputc('\n', stderr);
        } else if (newStep || finished) {
            // Logs and pipes: one line per step (and its end), no carriage returns.
            fprintf(stderr, "%3d%%  %s\n", percent, qPrintable(what));
        }
        state->what = what;
        fflush(stderr);
    };
    return control;
}

} // namespace dbops::cli
