#pragma once
// The Schedules section: each dbops schedule (`dbops schedule add`) with its job, store, next run, last run,
// result and duration, and Enable / Disable / Run now; "Add schedule…" (ScheduleDialog) on the console's store and
// "Remove…" (typed confirmation) write and remove the units as `dbops schedule add|remove` do (ScheduleSetup).
// Read and driven on the file worker (ScheduleJobs): systemctl and the unit folder never on the GUI thread.
// Without systemd the section says so and shows the last runs the audit trail recorded; adding and removing
// still work (the timer is enabled once systemd runs). Mounted in the Cleanup tab, it follows that tab's store
// (CleanupPanel::targetChanged); elsewhere, setTarget.
#include "connection/target.h"
#include "core/error.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace dbops {

class DbWorker;
class ConfirmDialog;
class ErrorBanner;
class ScheduleDialog;
struct ScheduleList;
struct ScheduleSpec;

class SchedulesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SchedulesPanel(DbWorker *files, bool system = false, QWidget *parent = nullptr);
    void refresh();
    void setTarget(const Target &target);
    void addSchedule();    // opens ScheduleDialog
    void removeSelected(); // asks for the schedule's name typed, then removes it
    ScheduleDialog *scheduleDialog() const;
    ConfirmDialog *confirmDialog() const;
    const QStandardItemModel *model() const { return m_model; }
    QString noteText() const; // "systemd not running (offline): …" or what the last action did

Q_SIGNALS:
    void errorReported(const dbops::Error &error);

protected:
    void showEvent(QShowEvent *event) override;
    bool event(QEvent *event) override;

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
    void submitAdd(const ScheduleSpec &spec, bool system);
    void followCleanupTab();
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
    QToolButton *m_add;
    QToolButton *m_remove;
    ErrorBanner *m_banner;
    QStandardItemModel *m_model;
    QTableView *m_view;
    quint64 m_listId = 0;
    quint64 m_actionId = 0;
    quint64 m_addId = 0;
    quint64 m_programId = 0;
    Target m_target;
    QString m_program; // the dbops the units run (found on the worker)
    QPointer<ScheduleDialog> m_dialog;
    QPointer<ConfirmDialog> m_confirm;
};

} // namespace dbops
