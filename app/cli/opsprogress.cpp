#include "opsprogress.h"

#include <QElapsedTimer>
#include <cstdio>
#include <memory>

namespace dbops::cli {

OpControl progressControl(bool show)
{
    OpControl control;
    if (!show)
        return control;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto last = std::make_shared<qint64>(-1000);
    control.progress = [timer, last](qint64 done, qint64 total, const QString &what) {
        if (timer->elapsed() - *last < 200 && done < total)
            return;
        *last = timer->elapsed();
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        fprintf(stderr, "\r%-24s %3d%%", qPrintable(what), percent);
        if (done >= total)
            fputc('\n', stderr);
        fflush(stderr);
    };
    return control;
}

} // namespace dbops::cli
