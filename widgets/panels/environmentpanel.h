#pragma once
// Environment tab: finds the bot's store from the bot's environment (EnvDetector) and shows where each
// setting came from. Detection reads files (settings.json), so it runs on the file worker.
#include "connection/target.h"
#include "core/error.h"

#include <QProcessEnvironment>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace dbops {

class DbWorker;
class ErrorBanner;
class OriginModel;

class EnvironmentPanel : public QWidget {
    Q_OBJECT
public:
    explicit EnvironmentPanel(DbWorker *files, QWidget *parent = nullptr);
    void setSettingsJson(const QString &path);
    void setBotDirectory(const QString &path);
    // The target the console opened: its folder becomes the bot directory (a store under data/: the folder above
    // that, where the bot runs), unless the operator chose one here; a detection already shown is redone.
    void followTarget(const Target &target);
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    void detect();
    const OriginModel *model() const { return m_model; }
    const Target &detectedTarget() const { return m_detected; }

Q_SIGNALS:
    void detected(const dbops::Target &target);
    void openRequested(const dbops::Target &target);
    void errorReported(const dbops::Error &error);

private:
    QWidget *buildInputs();
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);

    DbWorker *m_files;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QLineEdit *m_dir = nullptr;
    QLineEdit *m_settings = nullptr;
    QPushButton *m_detect = nullptr;
    bool m_dirChosen = false; // typed or browsed here: an opened target no longer moves it
    QLabel *m_result = nullptr;
    QPushButton *m_open = nullptr;
    ErrorBanner *m_banner = nullptr;
    OriginModel *m_model = nullptr;
    Target m_detected;
    quint64 m_requestId = 0;
};

} // namespace dbops
