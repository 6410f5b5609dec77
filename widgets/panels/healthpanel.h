#pragma once
// Health tab: overall status, per-table rows and sizes (with a size bar chart), findings with severity, and
// SQLite checks on demand (quick_check / integrity_check / foreign_key_check) with progress and cancel; on
// PostgreSQL, archiving, standbys and replication slots (ReplicationSection) from the same scan.
// The scan, and the read of the growth chart's history file, run on the DbWorker given, never on the GUI thread.
//
// Use: panel->setWorker(session->worker()); panel->setOptions(opts /* retention from the profile */);
// panel->setHistoryFile(HealthHistory::fileFor(target)); panel->refresh();
// reportLoaded(report) carries report.status() for a status light.
#include "core/error.h"
#include "schema/healthoptions.h"
#include "schema/healthreport.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace dbops {

class DbWorker;
class ErrorBanner;
class GrowthChart;
class HealthFindingsModel;
class HealthTablesModel;
class HorizontalBarChart;
class ReplicationSection;

class HealthPanel : public QWidget {
    Q_OBJECT
public:
    explicit HealthPanel(QWidget *parent = nullptr);
    void setWorker(DbWorker *worker); // not owned; may be null
    // Thresholds and retention policies for the next scans (check / foreign-key flags are set per run).
    void setOptions(const HealthOptions &options);
    // Where scans are persisted for the growth chart (HealthHistory::fileFor(target)); empty: not kept.
    void setHistoryFile(const QString &file);
    // A scan without the SQLite checks. On SQLite a quick pass (schema and index findings, no sizes) is shown
    // first, within milliseconds whatever the file's size, then replaced by the full scan.
    void refresh();
    // A scan with PRAGMA quick_check (Quick) or integrity_check (Integrity), and foreign_key_check if asked.
    void runChecks(HealthOptions::Check check, bool foreignKeys);
    void cancel();
    bool isRunning() const { return m_requestId != 0; }
    void setReport(const HealthReport &report);
    const HealthReport &report() const { return m_report; }
    HealthTablesModel *tablesModel() const { return m_tables; }
    HealthFindingsModel *findingsModel() const { return m_findings; }
    HorizontalBarChart *chart() const { return m_chart; }
    GrowthChart *growthChart() const { return m_growth; }
    QCustomPlot *growthPlot() const;
    ReplicationSection *replicationSection() const { return m_replication; }

Q_SIGNALS:
    void reportLoaded(const dbops::HealthReport &report);
    void errorReported(const dbops::Error &error);

private:
    quint64 submit(const HealthOptions &options);
    void onProgress(quint64 id, qint64 done, qint64 total, const QString &what);
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void setRunning(bool running);
    void display(const HealthReport &report); // without reportLoaded: also for the quick pass
    void updateChart();
    void loadGrowth();

    QPointer<DbWorker> m_worker;
    HealthOptions m_options;
    HealthReport m_report;
    QLabel *m_status;
    QToolButton *m_refresh;
    QComboBox *m_check;
    QPushButton *m_runCheck;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    ErrorBanner *m_banner;
    HealthTablesModel *m_tables;
    HealthFindingsModel *m_findings;
    QTableView *m_tablesView;
    QTableView *m_findingsView;
    HorizontalBarChart *m_chart;
    GrowthChart *m_growth;
    ReplicationSection *m_replication;
    QString m_historyFile;
    quint64 m_requestId = 0;
    quint64 m_quickId = 0;
    quint64 m_growthId = 0;
};

} // namespace dbops
