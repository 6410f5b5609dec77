#include "session/passwordkeeper.h"

#ifdef DBOPS_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace dbops {

namespace {

const QString kService = QStringLiteral("dbops");

#ifdef DBOPS_HAVE_QTKEYCHAIN
// The service's answer in the console's words. Its own text names no secret; it goes to `detail`.
Error errorOf(const QKeychain::Job &job, const Target &target)
{
    switch (job.error()) {
    case QKeychain::NoError: return {};
    case QKeychain::EntryNotFound:
        return Error::make(ErrorCode::NotFound,
                           PasswordKeeper::tr("no password for %1 in the secret service").arg(target.display()));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::make(
            ErrorCode::Refused, PasswordKeeper::tr("the secret service refused the password for %1").arg(target.display()),
            PasswordKeeper::tr("unlock the keyring, or enter the password at each connect"), job.errorString());
    default: // no backend, no session bus, a service that does not answer: all the same to the operator
        return Error::make(ErrorCode::Unsupported, PasswordKeeper::tr("no secret service answered"),
                           PasswordKeeper::tr("the password is asked at each connect; start the desktop's keyring "
                                          "(GNOME Keyring, KWallet, KeePassXC) to keep it"),
                           job.errorString());
    }
}

template <class JobType>
JobType *newJob(QObject *parent, const Target &target)
{
    auto *job = new JobType(kService, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never the plain-text QSettings file
    job->setKey(PasswordKeeper::keyFor(target));
    return job;
}
#else
Error notBuiltIn()
{
    return Error::make(ErrorCode::Unsupported, PasswordKeeper::tr("this build of dbops has no secret-service support"),
                       PasswordKeeper::tr("the password is asked at each connect (build with qtkeychain-qt6-dev)"));
}
#endif

} // namespace

PasswordKeeper::PasswordKeeper(QObject *parent) : QObject(parent) {}

bool PasswordKeeper::compiledIn()
{
#ifdef DBOPS_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

QString PasswordKeeper::keyFor(const Target &target) { return target.toSpec(); }

void PasswordKeeper::read(const Target &target, ReadDone done)
{
#ifdef DBOPS_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::ReadPasswordJob>(this, target);
    connect(job, &QKeychain::Job::finished, this, [target, done, job] {
        const Error e = errorOf(*job, target);
        done(e ? QString() : job->textData(), e);
    });
    job->start();
#else
    done({}, notBuiltIn());
#endif
}

void PasswordKeeper::store(const Target &target, const QString &password, Done done)
{
#ifdef DBOPS_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::WritePasswordJob>(this, target);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [target, done, job] { done(errorOf(*job, target)); });
    job->start();
#else
    Q_UNUSED(target)
    Q_UNUSED(password)
    done(notBuiltIn());
#endif
}

void PasswordKeeper::forget(const Target &target, Done done)
{
#ifdef DBOPS_HAVE_QTKEYCHAIN
    auto *job = newJob<QKeychain::DeletePasswordJob>(this, target);
    connect(job, &QKeychain::Job::finished, this, [target, done, job] { done(errorOf(*job, target)); });
    job->start();
#else
    Q_UNUSED(target)
    done(notBuiltIn());
#endif
}

} // namespace dbops
