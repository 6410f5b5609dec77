#pragma once
// Activity tab: is the pool exhausted or leaking, which query is slow or blocking? Pool usage per
// application with thresholds and leak suspects, a live history chart (connections by state, max lines),
// the statements, what runs now with the blocking tree, and cancel / terminate (confirmed, audited, hidden in
// read-only mode) / EXPLAIN. SQLite stores show their lock / WAL / process view instead, with its history
// chart, and the probe queries, to which the operator adds the bot's own (remembered per profile or store).
// SQLite monitoring only reads; the "Active probes" box (off, per target, for this session) adds the probes
// that write (write-lock probe, PASSIVE checkpoint), and says so.
//
// The panel owns an ActivityMonitor for the target it is given; everything it shows arrives by signals. The lists
// keep the operator's sort and selected row (by pid / queryid / application) across refreshes, and "Pause lists"
// freezes them (the chart and summary go on) so a row can be read and acted on while it stands still.
#include "activity/activitymonitor.h"
#include "activity/walgrowth.h"

#include <QSet>
#include <QWidget>
#include <functional>
#include <optional>
#include <utility>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;

namespace dbops {

class ErrorBanner;
class HistoryChart;
class LeakModel;
class PoolModel;
class RunningModel;
class SlowQueryModel;

class ActivityPanel : public QWidget {
    Q_OBJECT
public:
    explicit ActivityPanel(QWidget *parent = nullptr);
    ~ActivityPanel() override;

    // Starts monitoring `target` (pool maxima and thresholds from `options`, e.g. the profile's
    // poolMaxima); shows the last `historySeconds` of recorded samples. Replaces any previous target.
    void setTarget(const Target &target, const PoolOptions &options = {}, qint64 historySeconds = 3600);
    void clearTarget();
    ActivityMonitor *monitor() const { return m_monitor; }
    // Hides cancel / terminate (the console's read-only mode).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    bool isStale() const { return m_stale; }
    // Freezes the lists (pool, leak suspects, statements, running): refreshes are held, the newest shown on
    // resume. A new target starts unpaused.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // How destructive actions are confirmed (default: a question box). Tests replace it.
    void setConfirmer(std::function<bool(const QString &question)> confirmer) { m_confirm = std::move(confirmer); }

    // What the monitor delivers; public so that a caller (or a test) can show a snapshot it already has.
    void showSnapshots(const PoolSnapshot &pool, const SlowSnapshot &slow);

    const PoolModel *poolModel() const { return m_poolModel; }
    const LeakModel *leakModel() const { return m_leakModel; }
    const SlowQueryModel *statementModel() const { return m_statementModel; }
    const RunningModel *runningModel() const { return m_runningModel; }
    HistoryChart *chart() const { return m_chart; }
    HistoryChart *sqliteChart() const { return m_sqliteChart; }
    QString summaryText() const;

Q_SIGNALS:
    void errorReported(const dbops::Error &error);
    void summaryChanged(const QString &summary, int severity); // for a status bar / tab badge

private:
    void buildPoolTab(QTabWidget *tabs);
    void buildQueriesTab(QTabWidget *tabs);
    void buildSqliteTab(QTabWidget *tabs);
    void addProbe();
    void forgetSelectedProbe();
    void showSqlite(const PoolSnapshot &pool);
    void showLists(const PoolSnapshot &pool, const SlowSnapshot &slow);
    void signalSelected(SessionActions::Kind kind);
    // Confirms, then cancels or terminates `pid`: the one path of the buttons and the leak suspects' menu.
    void signalPid(SessionActions::Kind kind, int pid);
    void showLeakMenu(const QPoint &pos);
    void explainSelected();
    void exportChart(HistoryChart *chart);
    void onActionFinished(const QString &action, int pid, const Error &error);
    void updateActionButtons();
    // The "Active probes" box: on or off for the current SQLite target, remembered for it while the console
    // runs; any other target starts with them off.
    void onActiveProbesToggled(bool on);

    ActivityMonitor *m_monitor = nullptr;
    bool m_readOnly = false;
    // The last refresh failed to reach the server: the lists are its last reading, and nothing is acted on
    // from them (a pid there may be gone, or another session's by now).
    bool m_stale = false;
    QString m_lastSummary;
    bool m_paused = false;
    std::optional<std::pair<PoolSnapshot, SlowSnapshot>> m_held; // the newest refresh while paused
    QString m_explaining;                                        // the statement whose plan m_plan shows
    std::function<bool(const QString &)> m_confirm;

    ErrorBanner *m_banner;
    QLabel *m_summary;
    QSpinBox *m_interval;
    QPushButton *m_pause;
    QLabel *m_pausedNote;
    QCheckBox *m_activeProbes = nullptr;
    QSet<QString> m_activeProbeTargets; // target specs the operator switched the active probes on for
    QTabWidget *m_tabs;
    HistoryChart *m_chart;
    HistoryChart *m_sqliteChart;
    WalGrowthWatch m_walWatch; // the live samples, for a WAL that keeps growing
    PoolModel *m_poolModel;
    LeakModel *m_leakModel;
    SlowQueryModel *m_statementModel;
    RunningModel *m_runningModel;
    QTableView *m_poolView;
    QTableView *m_leakView;
    QTableView *m_statementView;
    QTableView *m_runningView;
    QLabel *m_statementsNote;
    QLabel *m_sqliteView;
    QLabel *m_plan;
    QPushButton *m_cancel;
    QPushButton *m_terminate;
    QPushButton *m_explain;
    QPushButton *m_export;
    QWidget *m_probeBar;
    QLineEdit *m_probeEdit;
};

} // namespace dbops
