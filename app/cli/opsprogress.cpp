#include "opsprogress.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace dbops::cli {

namespace {

// The job a report belongs to: its words without their figures ("trades: 1200 rows deleted" and "trades: 1400
// rows deleted" are one job, whose text carries its count).
QString jobOf(const QString &what)
{
    static const QRegularExpression figures(QStringLiteral("\\d[\\d,.]*"));
    return QString(what).replace(figures, QStringLiteral("#"));
}

} // namespace

OpControl progressControl(bool show)
{
    OpControl control;
    if (!show)
        return control;
    struct State {
        QElapsedTimer timer;
        qint64 last = -1000;
        QString what;
        QSet<QString> ended; // jobs whose 100% line is printed: a job reporting 100% again adds nothing
        bool tty = isatty(fileno(stderr)) != 0;
    };
    auto state = std::make_shared<State>();
    state->timer.start();
    control.progress = [state](qint64 done, qint64 total, const QString &what) {
        const bool finished = total > 0 && done >= total;
        const QString job = jobOf(what);
        if (finished && state->ended.contains(job))
            return;
        if (!finished)
            state->ended.remove(job); // running (again): its next 100% is news
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
        if (finished)
            state->ended.insert(job);
        state->what = what;
        fflush(stderr);
    };
    return control;
}

} // namespace dbops::cli
