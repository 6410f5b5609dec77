#pragma once
// What the `dbops protect` tests share: the environment dbops runs in (clean, XDG folders of the test's own), the
// real Litestream dbops finds (its absence fails the tests, never skips them), starting and stopping `dbops protect`,
// and waiting for the replica to ship a moment.
#include <QDateTime>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace dbops::test {

class ProtectHarness {
public:
    static constexpr int kWaitMs = 60000; // a loaded CI machine; nothing waited for here is asserted as a duration

    // `home`: the test's temporary folder. error() says why it cannot run (no Litestream found).
    explicit ProtectHarness(const QString &home = {});
    const QProcessEnvironment &env() const { return m_env; }
    const QString &litestream() const { return m_litestream; }
    const QString &error() const { return m_error; }

    // `dbops protect --db store --replica replica [extra…]` started and past its first line ("protecting …").
    // Returns an error message, empty on success.
    QString start(QProcess &protect, const QString &store, const QString &replica, const QStringList &extra = {}) const;
    // SIGTERM, then its end: an error message unless it exits with 0.
    static QString stop(QProcess &protect);
    // Waits until the replica's window reaches `moment` (its ends are whole seconds); false if it never does.
    bool reaches(const QString &store, const QString &replica, const QDateTime &moment) const;

private:
    QProcessEnvironment m_env;
    QString m_litestream;
    QString m_error;
};

} // namespace dbops::test
