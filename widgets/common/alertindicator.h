#pragma once
// The status bar's alerts: the count of alert rules active for the open target, their reasons in the tooltip;
// a click asks for the Audit tab (where each alert and recovery is recorded). Each board the Overview evaluates
// is judged and recorded on the file worker (AlertJobs), never on the GUI thread.
#include "alert/alertevent.h"
#include "status/statuscheck.h"

#include <QToolButton>

namespace dbops {

class DbWorker;

class AlertIndicator : public QToolButton {
    Q_OBJECT
public:
    AlertIndicator(DbWorker *files, const QString &statePath = {}, QWidget *parent = nullptr);
    void record(const dbops::StatusBoard &board); // submits the judging job; a later board supersedes it
    int activeCount() const { return m_active; }

Q_SIGNALS:
    void openRequested();
    void alertsChanged(int active); // after each judged board

private:
    void onFinished(quint64 id, const QVariant &result);
    void showCheck(const AlertCheck &check);

    DbWorker *m_files;
    QString m_statePath;
    quint64 m_requestId = 0;
    int m_active = 0;
};

} // namespace dbops
