#pragma once
// Keeps a PostgreSQL password the operator typed in the desktop's secret service (QtKeychain: GNOME Keyring,
// KWallet, KeePassXC…), for profiles that opt in (keychain=true). Nowhere else: QtKeychain's plain-text
// fallback is off, and the password goes to no log, settings file or argument list. Without a secret service
// (or in a build without QtKeychain) each call answers with an Error and the console asks at each connect, as
// before. Every call is asynchronous: the GUI thread never waits on the service.
#include "connection/target.h"
#include "core/error.h"

#include <QObject>
#include <functional>

namespace dbops {

class PasswordKeeper : public QObject {
    Q_OBJECT
public:
    using ReadDone = std::function<void(const QString &password, const Error &error)>;
    using Done = std::function<void(const Error &error)>;

    explicit PasswordKeeper(QObject *parent = nullptr);
    static bool compiledIn();
    // The entry's name in the service: the target without its password ("postgresql://bot@host:5432/trading").
    static QString keyFor(const Target &target);

    // `done` runs on this object's thread once the service answered: the password, or an Error (no entry:
    // NotFound; no service: Unsupported) and an empty password.
    void read(const Target &target, ReadDone done);
    void store(const Target &target, const QString &password, Done done);
    void forget(const Target &target, Done done);
};

} // namespace dbops
