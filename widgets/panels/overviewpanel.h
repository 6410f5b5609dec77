#pragma once
// Overview tab: first the status board (a verdict per concern, each row leading to the tab that explains it),
// then what the store is (engine, version, size, tables, journal mode / WAL, connections, uptime),
// a small chart, and for a data directory one row per store; under the title the schema line ("schema: v012,
// 3 pending", against the target's remembered migrations folder). The probe runs on the session's worker.
#include "core/error.h"
#include "probe/overview.h"
#include "status/statuscheck.h"
#include "worker/connectionmonitor.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QTableView;
class QToolButton;

namespace dbops {

class ErrorBanner;
class HorizontalBarChart;
class OverviewFacts;
class OverviewStoresModel;
class StatusBoardView;
class TableNamesModel;
class TargetSession;

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(TargetSession *session, QWidget *parent = nullptr);
    void refresh();
    bool hasOverview() const { return m_hasOverview; }
    const Overview &overview() const { return m_overview; }
    QString schemaLine() const;
    StatusBoardView *statusBoard() const { return m_board; }
    // A fresher migration state (the Migrations tab read it, e.g. against a newly chosen folder). `status`:
    // "ok" | "warn" | "critical" (MigrationReport::status), empty while reading.
    void showSchema(const QString &line, const QString &status);

Q_SIGNALS:
    void overviewLoaded(const dbops::Overview &overview);
    void errorReported(const dbops::Error &error);
    // A status row was clicked: the tab that explains it ("activity", "health", "migrations", "backups", "cleanup").
    void panelRequested(const QString &panel);
    void statusLoaded(const dbops::StatusBoard &board);

private:
    void buildUi();
    void onTargetChanged();
    void onStateChanged(ConnectionMonitor::State state);
    void onJobFinished(quint64 id, const QVariant &result);
    void onJobFailed(quint64 id, const Error &error);
    void showOverview(const Overview &overview);
    void updateChart(const Overview &overview);

    TargetSession *m_session;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_schema = nullptr;
    QLabel *m_updated = nullptr;
    QToolButton *m_refresh = nullptr;
    ErrorBanner *m_banner = nullptr;
    StatusBoardView *m_board = nullptr;
    OverviewFacts *m_facts = nullptr;
    HorizontalBarChart *m_chart = nullptr;
    QGroupBox *m_storesBox = nullptr;
    QGroupBox *m_tablesBox = nullptr;
    OverviewStoresModel *m_stores = nullptr;
    TableNamesModel *m_tables = nullptr;
    QTableView *m_tablesView = nullptr;

    Overview m_overview;
    bool m_hasOverview = false;
    quint64 m_requestId = 0;
    quint64 m_statusRequestId = 0;
    ConnectionMonitor::State m_lastState = ConnectionMonitor::State::Idle;
};

} // namespace dbops
