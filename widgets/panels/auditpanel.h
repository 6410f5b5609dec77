#pragma once
// Audit tab: the trail of operator actions (AuditLog::recent) and the state of its hash chain
// (AuditLog::verify), both read on the file worker. "Alerts only" narrows it to the alerts and recoveries
// (action "alert") that `dbops watch` and the console recorded.
#include "audit/auditlog.h"
#include "core/error.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;
class QToolButton;

namespace dbops {

class AuditModel;
class DbWorker;
class ErrorBanner;

class AuditPanel : public QWidget {
    Q_OBJECT
public:
    AuditPanel(DbWorker *files, const QString &databasePath = {}, QWidget *parent = nullptr);
    void refresh();
    const AuditModel *model() const { return m_model; }
    QString chainText() const; // "Chain: whole (12 records)", "Chain broken at record 7 (…): …", "Checking…"
    bool chainBroken() const { return m_chainBroken; }
    void setAlertsOnly(bool on);
    bool alertsOnly() const;

Q_SIGNALS:
    void errorReported(const dbops::Error &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void showChain(const QString &text, bool broken);
    void showRecords();

    DbWorker *m_files;
    QString m_databasePath;
    QLabel *m_path;
    QLabel *m_empty;
    QLabel *m_chain;
    QToolButton *m_refresh;
    QCheckBox *m_alertsOnly;
    QList<AuditRecord> m_records;
    ErrorBanner *m_banner;
    AuditModel *m_model;
    QTableView *m_view;
    quint64 m_requestId = 0;
    quint64 m_verifyId = 0;
    bool m_chainBroken = false;
};

} // namespace dbops
