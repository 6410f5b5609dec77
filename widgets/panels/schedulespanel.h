#pragma once
// The Schedules section: each dbops schedule (`dbops schedule add`) with its job, store, next run, last run,
// result and duration, and Enable / Disable / Run now. Read and driven on the file worker (ScheduleJobs):
// systemctl never runs on the GUI thread. Without systemd the section says so and shows the last runs the
// audit trail recorded.
#include "core/error.h"

#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace dbops {

class DbWorker;
class ErrorBanner;
struct ScheduleList;

class SchedulesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SchedulesPanel(DbWorker *files, bool system = false, QWidget *parent = nullptr);
    void refresh();
    const QStandardItemModel *model() const { return m_model; }
    QString noteText() const; // "systemd not running (offline): …" or what the last action did

Q_SIGNALS:
    void errorReported(const dbops::Error &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    enum Column {
        NameColumn,
        JobColumn,
        StoreColumn,
        EveryColumn,
        NextColumn,
        LastColumn,
        ResultColumn,
        DurationColumn,
        ColumnCount
    };
    void act(bool enable, bool runNow);
    void show(const ScheduleList &list);
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void updateButtons();

    DbWorker *m_files;
    bool m_system;
    bool m_systemdRunning = false;
    QLabel *m_note;
    QToolButton *m_refresh;
    QToolButton *m_enable;
    QToolButton *m_disable;
    QToolButton *m_runNow;
    ErrorBanner *m_banner;
    QStandardItemModel *m_model;
    QTableView *m_view;
    quint64 m_listId = 0;
    quint64 m_actionId = 0;
};

} // namespace dbops
