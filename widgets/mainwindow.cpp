#include "mainwindow.h"

#include "cleanup/retentionsection.h"
#include "common/alertindicator.h"
#include "common/keyboard.h"
#include "common/statusindicator.h"
#include "dialogs/connectiondialog.h"
#include "item/originmodel.h"
#include "log/logging.h"
#include "panels/activitypanel.h"
#include "panels/auditpanel.h"
#include "panels/backupspanel.h"
#include "panels/cleanuppanel.h"
#include "panels/environmentpanel.h"
#include "panels/healthpanel.h"
#include "panels/logpanel.h"
#include "panels/migrationspanel.h"
#include "panels/overviewpanel.h"
#include "panels/schedulespanel.h"
#include "panels/storespanel.h"
#include "panels/targetsidebar.h"
#include "panels/welcomepage.h"
#include "schema/healthhistory.h"
#include "session/backupactions.h"
#include "session/incidentactions.h"
#include "session/incidentswitch.h"
#include "session/passwordkeeper.h"
#include "session/targetlauncher.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <spdlog/spdlog.h>

// The icon resources live in the static dbops_widgets library: make sure they are linked and registered.
static void initWidgetResources() { Q_INIT_RESOURCE(icons); }

namespace dbops {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_session(new TargetSession(this)),
      m_files(new DbWorker(Target{}, SessionOptions::monitor(), QStringLiteral("files"), this)),
      m_ops(new DbWorker(Target{}, SessionOptions::action(), QStringLiteral("ops"), this)),
      m_launcher(new TargetLauncher(m_files, this)), m_incident(new IncidentSwitch(m_files, this)),
      m_passwords(new PasswordKeeper(this)), m_backupActions(new BackupActions(m_ops, this, this)),
      m_incidentActions(new IncidentActions(this, this))
{
    initWidgetResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(MainWindow::tr("dbops console"));
    if (QFile::exists(QStringLiteral(":/icons/dbops.svg")))
        setWindowIcon(QIcon(QStringLiteral(":/icons/dbops.svg")));
    Keyboard::tabLeavesViews();
    buildCentral();
    buildMenus();
    connectSignals();
    fitToScreen();
    Keyboard::assignMnemonics(this, Keyboard::menuBarMnemonics(this));
    showWelcome();
}

// Sized to the screen the window opens on: nearly all of a small one (1280×800 keeps the status bar in view),
// most of a large one; the side bar and the log take their share of what there is.
void MainWindow::fitToScreen()
{
    const QRect available = screen()->availableGeometry();
    const double share = available.width() < 1600 ? 0.95 : 0.85;
    const QSize size = (QSizeF(available.size()) * share).toSize();
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    const int side = std::clamp(size.width() / 6, 220, 320);
    m_splitter->setSizes({side, size.width() - side});
    resizeDocks({findChild<QDockWidget *>(QStringLiteral("logDock"))}, {std::clamp(size.height() / 5, 120, 260)},
                Qt::Vertical);
}

MainWindow::~MainWindow()
{
    // Stop the target's worker before the panels that listen to it go. A running operation is cancelled: it
    // leaves the store as it was (restores are one transaction; partial backups are removed).
    m_ops->cancelAll();
    m_activity->clearTarget();
    m_session->close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_backupActions->busy() &&
        QMessageBox::question(this, tr("An operation is running"),
                              tr("A backup, verify or restore is still running. Cancel it and quit?\n\n"
                                 "Cancelling leaves the store as it was."),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::buildCentral()
{
    m_welcome = new WelcomePage(TargetLauncher::defaultDemoDir(), this);
    m_overview = new OverviewPanel(m_session, this);
    m_stores = new StoresPanel(m_session, m_files, this);
    m_environment = new EnvironmentPanel(m_files, this);
    m_audit = new AuditPanel(m_files, {}, this);
    m_backups = new BackupsPanel(m_session, m_files, m_backupActions, this);
    m_activity = new ActivityPanel(this);
    m_health = new HealthPanel(this);
    m_migrations = new MigrationsPanel(this);
    m_cleanup = new CleanupPanel(m_ops, this);
    auto *retention = new RetentionSection(m_ops);
    m_cleanup->setRetentionSection(retention); // the first section: the most common cleanup
    connect(m_cleanup, &CleanupPanel::targetChanged, retention,
            [retention](const Target &t) { retention->setTarget(t); });
    connect(retention, &RetentionSection::succeeded, m_cleanup, &CleanupPanel::actionCompleted);
    connect(retention, &RetentionSection::failed, m_cleanup, &CleanupPanel::errorReported);
    // Scheduled jobs (systemd timers: backup, verify, drill, cleanup, maintain), read and driven on the file worker.
    auto *schedules = new SchedulesPanel(m_files);
    m_cleanup->addSection(tr("Schedules"), schedules);
    connect(schedules, &SchedulesPanel::errorReported, this, &MainWindow::reportError);
    connect(m_incident, &IncidentSwitch::changed, retention, &RetentionSection::setReadOnly);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_activity, tr("Activity"));
    m_tabs->addTab(m_health, tr("Health"));
    m_tabs->addTab(m_migrations, tr("Migrations"));
    m_tabs->addTab(m_stores, tr("Stores"));
    m_tabs->addTab(m_environment, tr("Environment"));
    m_tabs->addTab(m_backups, tr("Backups"));
    m_tabs->addTab(m_cleanup, tr("Cleanup"));
    m_tabs->addTab(m_audit, tr("Audit"));

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);
    m_sidebar = new TargetSidebar(m_session, m_files, {}, this);
    m_splitter = new QSplitter(this);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_log = new LogPanel(Logging::buffer(), this);
    auto *dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("logDock"));
    dock->setWidget(m_log);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    m_status = new StatusIndicator(this);
    m_alerts = new AlertIndicator(m_files, {}, this);
    statusBar()->addPermanentWidget(m_alerts);
    statusBar()->addPermanentWidget(m_incident->statusLabel());
    statusBar()->addPermanentWidget(m_status);
    statusBar()->setSizeGripEnabled(true);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open SQLite file / data directory…"),
                    QKeySequence::Open, this, [this] { showConnectionDialog(false); });
    file->addAction(QIcon::fromTheme(QStringLiteral("network-server")), tr("&Connect to PostgreSQL…"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] { showConnectionDialog(true); });
    file->addAction(tr("&Detect from bot environment…"), this, &MainWindow::showEnvironment);
    file->addAction(tr("Open &demo store"), this, [this] { openDemo(); });
    file->addSeparator();
    file->addAction(tr("C&lose target"), QKeySequence::Close, this, &MainWindow::showWelcome);
    file->addSeparator();
    file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), QKeySequence::Quit, this,
                    &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh"), QKeySequence::Refresh, this,
                    &MainWindow::refreshCurrent);
    view->addSeparator();
    view->addAction(m_incident->action());
    view->addSeparator();
    QAction *log = findChild<QDockWidget *>(QStringLiteral("logDock"))->toggleViewAction();
    log->setText(tr("&Log"));
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(log);
    // The switch sits in the menu bar's corner, always in sight, without a toolbar row of its own: a 1280x800
    // screen has no height to spare for one (the status bar would fall off the screen).
    auto *incidentButton = new QToolButton(this);
    incidentButton->setObjectName(QStringLiteral("incidentToolButton"));
    incidentButton->setDefaultAction(m_incident->action());
    incidentButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    incidentButton->setAutoRaise(true);
    menuBar()->setCornerWidget(incidentButton, Qt::TopRightCorner);
    buildGoMenu();

    QMenu *ops = menuBar()->addMenu(tr("&Operations"));
    ops->setToolTipsVisible(true);
    QAction *backupNow = ops->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Back up now"),
                                        QKeySequence(Qt::CTRL | Qt::Key_B), this, [this] {
                                            showPanel(m_backups);
                                            m_backups->backupNow();
                                        });
    QAction *restore = ops->addAction(tr("&Restore from a backup…"), this, [this] { showPanel(m_backups); });
    restore->setStatusTip(tr("Pick a backup in the Backups tab, then Restore…"));
    for (QAction *a : {backupNow, restore}) {
        a->setEnabled(false);
        connect(m_session, &TargetSession::targetChanged, a, [a] { a->setEnabled(true); });
    }
    QAction *cleanup = ops->addAction(tr("&Cleanup…"), this, [this] { showPanel(m_cleanup); });
    cleanup->setEnabled(false);
    connect(m_session, &TargetSession::targetChanged, cleanup, [cleanup] { cleanup->setEnabled(true); });
    ops->addSeparator();
    QAction *incident =
        ops->addAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("Capture &incident…"), this, [this] {
            m_incidentActions->chooseAndCapture(m_session->target(), m_session->options().password);
        });
    incident->setObjectName(QStringLiteral("captureIncidentAction"));
    incident->setStatusTip(tr("Write one archive with every view's JSON, the last hour's charts, the log and the "
                              "audit, for the post-mortem"));
    incident->setEnabled(false);
    connect(m_session, &TargetSession::targetChanged, incident, [incident] { incident->setEnabled(true); });
    connect(m_incidentActions, &IncidentActions::busyChanged, incident,
            [incident](bool busy) { incident->setEnabled(!busy); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About dbops"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About dbops"),
                                    tr("<b>dbops console %1</b><br>Database operations for trading-bot "
                                       "SQLite and PostgreSQL stores.<br>Log file: %2")
                                        .arg(QStringLiteral(DBOPS_VERSION), Logging::file().toHtmlEscaped()),
                                    QMessageBox::Ok, this);
        box->setIconPixmap(windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

// Every tab by keyboard: Ctrl+Tab / Ctrl+PgDn and back, Alt+1…9 for the tab of that place.
void MainWindow::buildGoMenu()
{
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QList<QAction *> actions;
    actions << go->addAction(tr("&Next tab"), this, [this] { stepTab(1); });
    actions.last()->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    actions << go->addAction(tr("&Previous tab"), this, [this] { stepTab(-1); });
    actions.last()->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                                  QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    go->addSeparator();
    for (int i = 0; i < std::min(m_tabs->count(), 9); ++i)
        actions << go->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(m_tabs->tabText(i)),
                                 QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), this,
                                 [this, panel = m_tabs->widget(i)] { showPanel(panel); });
    for (QAction *a : std::as_const(actions)) {
        a->setShortcutContext(Qt::WindowShortcut);
        a->setEnabled(false);
        connect(m_session, &TargetSession::targetChanged, a, [a] { a->setEnabled(true); });
    }
}

void MainWindow::stepTab(int step)
{
    if (!m_session->isOpen())
        return;
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + m_tabs->count()) % m_tabs->count());
}

void MainWindow::connectSignals()
{
    connect(m_session, &TargetSession::stateChanged, this, &MainWindow::updateStatus);
    connect(m_session, &TargetSession::targetChanged, this, [this](const Target &t) {
        m_incident->setTarget(t.display());
        updateTitle();
        m_stack->setCurrentWidget(m_tabs);
        updateStatus();
    });
    connect(m_session, &TargetSession::passwordNeeded, this, &MainWindow::askPassword);
    connect(m_incident, &IncidentSwitch::changed, this, &MainWindow::applyIncidentMode);
    // The monitoring panels follow the target: activity samples on its own worker; health and migrations read
    // on the target's worker, when their tab is looked at.
    connect(m_session, &TargetSession::targetChanged, this, [this](const Target &t) {
        m_activity->setTarget(t);
        m_health->setWorker(m_session->worker());
        m_health->setHistoryFile(HealthHistory::fileFor(t));
        m_migrations->setWorker(m_session->worker());
        m_cleanup->setTarget(t, m_session->options());
        m_stale = {m_health, m_migrations};
        refreshIfStale();
    });
    // Panels fill in their buttons for the target: give the new ones their mnemonics.
    connect(m_session, &TargetSession::targetChanged, this,
            [this] { Keyboard::assignMnemonics(this, Keyboard::menuBarMnemonics(this)); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::refreshIfStale);
    connect(m_activity, &ActivityPanel::errorReported, this, &MainWindow::reportError);
    connect(m_health, &HealthPanel::errorReported, this, &MainWindow::reportError);
    connect(m_migrations, &MigrationsPanel::errorReported, this, &MainWindow::reportError);
    connect(m_migrations, &MigrationsPanel::reportLoaded, this,
            [this](const MigrationReport &r) { m_overview->showSchema(r.summary(), r.status()); });
    // The Environment tab detects on first sight (reading settings.json runs on the file worker).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_environment && m_environment->model()->rowCount() == 0)
            m_environment->detect();
    });
    const auto onError = [this](const Error &e) { reportError(e); };
    connect(m_overview, &OverviewPanel::errorReported, this, onError);
    connect(m_stores, &StoresPanel::errorReported, this, onError);
    connect(m_environment, &EnvironmentPanel::errorReported, this, onError);
    connect(m_audit, &AuditPanel::errorReported, this, onError);
    connect(m_backups, &BackupsPanel::errorReported, this, onError);
    connect(m_cleanup, &CleanupPanel::errorReported, this, onError);
    connect(m_cleanup, &CleanupPanel::actionCompleted, m_audit, &AuditPanel::refresh);
    connect(m_backupActions, &BackupActions::catalogChanged, m_audit, &AuditPanel::refresh);
    connect(m_incidentActions, &IncidentActions::failed, this, onError);
    connect(m_incidentActions, &IncidentActions::succeeded, this, [this](const QString &, const QString &line) {
        statusBar()->showMessage(line, 15000);
        m_audit->refresh(); // the capture is in the trail now
    });
    connect(m_sidebar, &TargetSidebar::errorReported, this, onError);
    connectAlerts();
    connect(m_stores, &StoresPanel::openRequested, this, [this](const Target &t) { openTarget(t); });
    connect(m_environment, &EnvironmentPanel::openRequested, this, [this](const Target &t) { openTarget(t); });
    connect(m_sidebar, &TargetSidebar::openRequested, this, [this](const Target &t) { openTarget(t); });
    connect(m_sidebar, &TargetSidebar::addRequested, this, [this] { showConnectionDialog(false); });
    // A status row opens the tab that explains it.
    connect(m_overview, &OverviewPanel::panelRequested, this, [this](const QString &panel) {
        const QHash<QString, QWidget *> tabs{{QStringLiteral("activity"), m_activity},
                                             {QStringLiteral("health"), m_health},
                                             {QStringLiteral("migrations"), m_migrations},
                                             {QStringLiteral("backups"), m_backups},
                                             {QStringLiteral("cleanup"), m_cleanup},
                                             {QStringLiteral("schedules"), m_cleanup}}; // its Schedules section
        if (QWidget *tab = tabs.value(panel))
            showPanel(tab);
    });

    connect(m_welcome, &WelcomePage::demoRequested, this, [this] { openDemo(); });
    connect(m_welcome, &WelcomePage::openSqliteRequested, this, [this] { showConnectionDialog(false); });
    connect(m_welcome, &WelcomePage::connectPostgresRequested, this, [this] { showConnectionDialog(true); });
    connect(m_welcome, &WelcomePage::detectRequested, this, &MainWindow::showEnvironment);

    connect(m_launcher, &TargetLauncher::busy, m_welcome, &WelcomePage::setBusy);
    connect(m_launcher, &TargetLauncher::targetReady, this, [this](const Target &t) {
        m_welcome->setBusy({});
        openTarget(t);
    });
    connect(m_launcher, &TargetLauncher::failed, this, [this](const Error &e) {
        m_welcome->showError(e);
        reportError(e);
    });
    connect(m_launcher, &TargetLauncher::nothingDetected, this, [this](const QString &note) {
        m_welcome->setBusy({});
        m_welcome->showNote(note);
        spdlog::info("{}", note.toStdString());
    });
}

void MainWindow::start(const StartupOptions &options)
{
    if (options.readOnly)
        m_incident->setCommandLine(true);
    if (!options.settingsJson.isEmpty())
        m_environment->setSettingsJson(options.settingsJson);
    if (!options.demoDir.isEmpty())
        openDemo(options.demoDir);
    else if (!options.db.isEmpty())
        m_launcher->resolve(options.db);
    else if (options.detect)
        m_launcher->detect(options.settingsJson);
}

void MainWindow::openTarget(const Target &target, const SessionOptions &options)
{
    if (!target.isValid())
        return;
    statusBar()->clearMessage();
    m_environment->followTarget(target);
    // A profile with read_only=true puts the console in incident mode before its first session opens.
    m_incident->applyProfile(target, [this, target, options](const Profile &profile) {
        m_keepPassword = profile.keychain && target.isPostgres();
        if (m_keepPassword && options.password.isEmpty())
            openWithKeptPassword(target, options);
        else
            m_session->open(target, options);
    });
}

void MainWindow::openDemo(const QString &directory)
{
    showWelcome();
    const QString dir = directory.isEmpty() ? TargetLauncher::defaultDemoDir() : directory;
    // The demo directory is laid out like a bot's: its settings.json names the store, so the Environment tab
    // can show the detection a real bot directory would give.
    m_environment->setBotDirectory(dir);
    m_environment->setSettingsJson(dir + QStringLiteral("/settings.json"));
    m_launcher->openDemo(dir);
}

void MainWindow::refreshIfStale()
{
    QWidget *current = m_tabs->currentWidget();
    if (!m_session->isOpen() || !m_stale.contains(current))
        return;
    m_stale.remove(current);
    if (current == m_health)
        m_health->refresh();
    else if (current == m_migrations)
        m_migrations->refresh();
}

void MainWindow::showWelcome()
{
    m_activity->clearTarget();
    m_session->close();
    m_stack->setCurrentWidget(m_welcome);
    m_incident->setTarget({});
    updateTitle();
    updateStatus();
}

bool MainWindow::isShowingWelcome() const { return m_stack->currentWidget() == m_welcome; }

void MainWindow::reportError(const Error &error) { statusBar()->showMessage(error.oneLine(), 30000); }

void MainWindow::showConnectionDialog(bool postgres)
{
    auto *dialog = new ConnectionDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPage(postgres ? ConnectionDialog::Page::Postgres : ConnectionDialog::Page::Sqlite);
    connect(dialog, &ConnectionDialog::profileChosen, m_sidebar, &TargetSidebar::saveProfile);
    connect(dialog, &ConnectionDialog::targetChosen, this, [this](const Target &t) { openTarget(t); });
    dialog->open();
}

void MainWindow::connectAlerts()
{
    // Each board the Overview evaluates is judged by the alert rules on the file worker: no session of its own.
    connect(m_overview, &OverviewPanel::statusLoaded, m_alerts, &AlertIndicator::record);
    connect(m_alerts, &AlertIndicator::alertsChanged, m_audit, [this] {
        if (m_tabs->currentWidget() == m_audit)
            m_audit->refresh(); // the alert records just written
    });
    connect(m_alerts, &AlertIndicator::openRequested, this, [this] {
        m_audit->setAlertsOnly(true);
        showPanel(m_audit);
    });
}

void MainWindow::showPanel(QWidget *panel)
{
    if (!m_session->isOpen())
        return;
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(panel);
}

void MainWindow::showEnvironment()
{
    m_stack->setCurrentWidget(m_tabs);
    m_tabs->setCurrentWidget(m_environment);
    m_environment->detect();
}

void MainWindow::askPassword(const Target &target, bool again)
{
    if (m_passwordDialog)
        return;
    auto *dialog = new QInputDialog(this);
    m_passwordDialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordDialog"));
    dialog->setWindowTitle(tr("PostgreSQL password"));
    dialog->setTextEchoMode(QLineEdit::Password);
    const QString user = target.pg.user.isEmpty() ? tr("the default user") : target.pg.user;
    dialog->setLabelText(
        (again ? tr("The server refused that password for %1 at %2.\n\n")
               : tr("The server asks for a password for %1 at %2, and ~/.pgpass has no entry that works.\n\n"))
            .arg(user, target.display()) +
        (m_keepPassword ? tr("Password (kept in the desktop's secret service, as this profile asks; without one, "
                             "asked again at the next connect):")
                        : tr("Password (kept in memory for this session only, never saved):")));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, target](const QString &password) {
        SessionOptions options = SessionOptions::monitor();
        options.password = password;
        if (m_keepPassword) // keychain=true: in the secret service, or (without one) asked again next time
            m_passwords->store(target, password, [this](const Error &e) {
                if (e)
                    statusBar()->showMessage(tr("Password not kept: %1").arg(e.oneLine()), 30000);
            });
        openTarget(target, options);
    });
    dialog->open();
}

// keychain=true: the password kept in the secret service, when there is one; without it libpq's ~/.pgpass and
// then the prompt, as for any profile.
void MainWindow::openWithKeptPassword(const Target &target, const SessionOptions &options)
{
    m_passwords->read(target, [this, target, options](const QString &password, const Error &e) {
        if (e && e.code != ErrorCode::NotFound)
            spdlog::info("{}", e.oneLine().toStdString());
        SessionOptions withPassword = options;
        withPassword.password = password;
        m_session->open(target, withPassword);
    });
}

void MainWindow::refreshCurrent()
{
    QWidget *current = m_tabs->currentWidget();
    if (current == m_overview)
        m_overview->refresh();
    else if (current == m_stores)
        m_stores->refresh();
    else if (current == m_environment)
        m_environment->detect();
    else if (current == m_audit)
        m_audit->refresh();
    else if (current == m_backups)
        m_backups->refresh();
    else if (current == m_health)
        m_health->refresh();
    else if (current == m_migrations)
        m_migrations->refresh();
    else if (current == m_activity && m_activity->monitor())
        m_activity->monitor()->refreshNow();
}

void MainWindow::updateTitle()
{
    const QString title =
        m_session->isOpen() ? tr("%1 — dbops console").arg(m_session->target().display()) : tr("dbops console");
    setWindowTitle(m_incident->isOn() ? tr("%1 [READ-ONLY: incident mode]").arg(title) : title);
}

// The core refuses every action in incident mode; the window also takes the buttons that start one away.
void MainWindow::applyIncidentMode(bool on)
{
    m_cleanup->setReadOnly(on);
    m_activity->setReadOnly(on);
    m_backups->setReadOnly(on);
    updateTitle();
}

void MainWindow::updateStatus()
{
    m_status->setState(m_session->state(), m_session->isOpen() ? m_session->stateText() : tr("no target"));
}

} // namespace dbops
