#pragma once
// Finds a target before there is one, on the file worker: resolves what the operator typed (profile name,
// path, URI), creates the demo store when it is missing, and tries the environment-detected target.
// Says the outcome with signals; never opens the target itself (the window does).
#include "connection/target.h"
#include "core/error.h"

#include <QObject>
#include <QProcessEnvironment>

namespace dbops {

class DbWorker;

class TargetLauncher : public QObject {
    Q_OBJECT
public:
    TargetLauncher(DbWorker *files, QObject *parent = nullptr);
    void setProfilesFile(const QString &file) { m_profilesFile = file; }
    void setEnvironment(const QProcessEnvironment &env, const QString &botDir)
    {
        m_env = env;
        m_botDir = botDir;
    }

    void resolve(const QString &text);        // ProfileStore::resolve
    void openDemo(const QString &directory);  // DemoStore::create when missing, then the data directory
    void detect(const QString &settingsJson); // EnvDetector, then a test open

    static QString defaultDemoDir(); // $XDG_DATA_HOME/dbops/demo

Q_SIGNALS:
    void busy(const QString &what);
    void targetReady(const dbops::Target &target);
    void failed(const dbops::Error &error);
    // Detection found a target that did not open: nothing to open, and here is why (a calm note, not an error).
    void nothingDetected(const QString &note);

private:
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);

    DbWorker *m_files;
    QString m_profilesFile;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QString m_botDir;
    quint64 m_requestId = 0;
    bool m_detecting = false;
};

} // namespace dbops
