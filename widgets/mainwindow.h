#pragma once
// The console's window: composition only. Left, the targets; centre, the welcome page or one tab per concern;
// bottom, the log; status bar, the active alerts and the connection state. Every read runs on a worker.
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>

class QInputDialog;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace dbops {

class ActivityPanel;
class AlertIndicator;
class AuditPanel;
class BackupActions;
class BackupsPanel;
class CleanupPanel;
class DbWorker;
class EnvironmentPanel;
class HealthPanel;
class IncidentActions;
class IncidentSwitch;
class PasswordKeeper;
class MigrationsPanel;
class LogPanel;
class OverviewPanel;
class StatusIndicator;
class StoresPanel;
class TargetLauncher;
class TargetSession;
class TargetSidebar;
class WelcomePage;

struct StartupOptions {
    QString db;            // --db: profile name, path or URI
    QString settingsJson;  // --settings: the bot's settings.json for detection
    QString demoDir;       // --demo: open (creating if missing) the demo store there
    bool detect = true;    // without --db / --demo: try the bot's environment
    bool readOnly = false; // --read-only: start in incident mode
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void start(const StartupOptions &options);
    void openTarget(const Target &target, const SessionOptions &options = SessionOptions::monitor());
    void openDemo(const QString &directory = {});
    void showWelcome();
    void reportError(const Error &error);

    TargetSession *session() const { return m_session; }
    OverviewPanel *overviewPanel() const { return m_overview; }
    StoresPanel *storesPanel() const { return m_stores; }
    EnvironmentPanel *environmentPanel() const { return m_environment; }
    AuditPanel *auditPanel() const { return m_audit; }
    BackupsPanel *backupsPanel() const { return m_backups; }
    CleanupPanel *cleanupPanel() const { return m_cleanup; }
    ActivityPanel *activityPanel() const { return m_activity; }
    HealthPanel *healthPanel() const { return m_health; }
    MigrationsPanel *migrationsPanel() const { return m_migrations; }
    BackupActions *backupActions() const { return m_backupActions; }
    IncidentActions *incidentActions() const { return m_incidentActions; }
    LogPanel *logPanel() const { return m_log; }
    WelcomePage *welcomePage() const { return m_welcome; }
    StatusIndicator *statusIndicator() const { return m_status; }
    AlertIndicator *alertIndicator() const { return m_alerts; }
    TargetSidebar *sidebar() const { return m_sidebar; }
    IncidentSwitch *incidentSwitch() const { return m_incident; }
    bool isShowingWelcome() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildCentral();
    void buildMenus();
    void buildGoMenu();
    void stepTab(int step);
    void fitToScreen();
    void connectSignals();
    void connectAlerts();
    void showConnectionDialog(bool postgres);
    void showEnvironment();
    void showPanel(QWidget *panel);
    void refreshIfStale(); // health and migrations read once per target, when first looked at
    void askPassword(const Target &target, bool again);
    void openWithKeptPassword(const Target &target, const SessionOptions &options);
    void refreshCurrent();
    void updateStatus();
    void updateTitle();
    void applyIncidentMode(bool on);

    TargetSession *m_session;
    DbWorker *m_files;
    DbWorker *m_ops; // operator actions (backup, verify, restore): one at a time, each opening its own connections
    TargetLauncher *m_launcher;
    IncidentSwitch *m_incident;
    PasswordKeeper *m_passwords;
    bool m_keepPassword = false; // the open target's profile says keychain=true
    BackupActions *m_backupActions;
    IncidentActions *m_incidentActions;
    BackupsPanel *m_backups = nullptr;
    CleanupPanel *m_cleanup = nullptr;
    ActivityPanel *m_activity = nullptr;
    HealthPanel *m_health = nullptr;
    MigrationsPanel *m_migrations = nullptr;
    QSet<QWidget *> m_stale;
    QStackedWidget *m_stack = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    WelcomePage *m_welcome = nullptr;
    OverviewPanel *m_overview = nullptr;
    StoresPanel *m_stores = nullptr;
    EnvironmentPanel *m_environment = nullptr;
    AuditPanel *m_audit = nullptr;
    LogPanel *m_log = nullptr;
    TargetSidebar *m_sidebar = nullptr;
    StatusIndicator *m_status = nullptr;
    AlertIndicator *m_alerts = nullptr;
    QPointer<QInputDialog> m_passwordDialog;
};

} // namespace dbops
