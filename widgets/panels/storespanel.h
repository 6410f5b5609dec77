#pragma once
// Stores tab: what a bot's data directory holds (StoreDiscovery): SQLite and DuckDB files, lock files with
// their PID (alive or stale), schema versions, backup folders. The scan runs on the file worker.
#include "connection/target.h"
#include "core/error.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace dbops {

class DbWorker;
class DiscoveryModel;
class ErrorBanner;
class TargetSession;

class StoresPanel : public QWidget {
    Q_OBJECT
public:
    StoresPanel(TargetSession *session, DbWorker *files, QWidget *parent = nullptr);
    void scan(const QString &directory);
    void refresh();
    const DiscoveryModel *model() const { return m_model; }
    QString directory() const { return m_directory; }

Q_SIGNALS:
    void openRequested(const dbops::Target &target);
    void errorReported(const dbops::Error &error);

private:
    void onTargetChanged(const Target &target);
    void onFinished(quint64 id, const QVariant &result);
    void onFailed(quint64 id, const Error &error);
    void onActivated(const QModelIndex &index);

    TargetSession *m_session;
    DbWorker *m_files;
    QLabel *m_path;
    QLabel *m_summary;
    QToolButton *m_refresh;
    QPushButton *m_scanFolder;
    ErrorBanner *m_banner;
    DiscoveryModel *m_model;
    QTableView *m_view;
    QString m_directory;
    quint64 m_requestId = 0;
};

} // namespace dbops
