#pragma once
// What a long operation (backup, verify, restore) receives from whoever runs it: a cancel token checked
// between chunks, and a progress callback. A DbWorker job builds one from its JobContext; the CLI builds one
// that prints to stderr (or nothing).
#include "core/canceltoken.h"
#include "worker/jobcontext.h"

#include <QString>

namespace dbops {

struct OpControl {
    CancelToken token;
    JobContext::ProgressFn progress; // (done, total, what); may be empty

    bool cancelled() const { return token.isCancelled(); }
    void report(qint64 done, qint64 total, const QString &what) const
    {
        if (progress)
            progress(done, total, what);
    }
    static OpControl fromJob(const JobContext &context)
    {
        return {context.token(), [&context](qint64 d, qint64 t, const QString &w) { context.progress(d, t, w); }};
    }
};

} // namespace dbops
