#pragma once
// Cleanup tab: a container of sections, a list on the left and the chosen section on the right. The first
// section is Retention (a placeholder until setRetentionSection() gives it its widget), then Maintenance,
// Leaked sessions, Stale locks, Backup pruning. Every section previews first, confirms destructive steps with
// a typed word, runs on the operations worker (progress, cancel), shows its result and audits it. In
// read-only mode only previews are offered.
//
// Adding a section: addSection(title, widget) appends one (insertSection for a position). The panel forwards
// setTarget / setReadOnly to sections that are CleanupSections; any other widget is only shown (connect it to
// targetChanged). The Retention section, for instance:
//     auto *retention = new RetentionSection(ops);
//     cleanupPanel->setRetentionSection(retention);
//     connect(cleanupPanel, &CleanupPanel::targetChanged, retention, [retention](const Target &t) {
//         retention->setTarget(t); });
//     connect(retention, &RetentionSection::succeeded, cleanupPanel, &CleanupPanel::actionCompleted);
//     connect(retention, &RetentionSection::failed, cleanupPanel, &CleanupPanel::errorReported);
#include "connection/sessionoptions.h"
#include "connection/target.h"
#include "core/error.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace dbops {

class CleanupSection;
class DbWorker;
class LocksSection;
class MaintenanceSection;
class PruneSection;
class SessionsSection;

class CleanupPanel : public QWidget {
    Q_OBJECT
public:
    explicit CleanupPanel(DbWorker *ops, QWidget *parent = nullptr);

    void setTarget(const Target &target, const SessionOptions &options = SessionOptions::monitor());
    void clearTarget();
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // Backup pruning's folder (empty: $XDG_DATA_HOME/dbops/backups), e.g. the Backups tab's folder.
    void setBackupDir(const QString &dir);

    // Replaces the Retention placeholder (the first section) with `widget` (the panel takes ownership).
    void setRetentionSection(QWidget *widget);
    // Appends a section; returns its index. insertSection puts it at `index` (clamped).
    int addSection(const QString &title, QWidget *widget);
    int insertSection(int index, const QString &title, QWidget *widget);
    int sectionCount() const;
    QWidget *section(int index) const;
    QWidget *section(const QString &title) const;
    QString sectionTitle(int index) const;
    void showSection(QWidget *widget);
    QWidget *currentSection() const;

    MaintenanceSection *maintenanceSection() const { return m_maintenance; }
    SessionsSection *sessionsSection() const { return m_sessions; }
    LocksSection *locksSection() const { return m_locks; }
    PruneSection *pruneSection() const { return m_prune; }

Q_SIGNALS:
    // Every setTarget(): a section that is no CleanupSection (e.g. Retention) follows the target through it.
    void targetChanged(const dbops::Target &target, const dbops::SessionOptions &options);
    void errorReported(const dbops::Error &error);
    // A destructive step ended well: the audit trail (and perhaps the backup list) changed.
    void actionCompleted(const QString &summary);

private:
    void wire(CleanupSection *section);

    Target m_target;
    SessionOptions m_options;
    bool m_readOnly = false;
    QListWidget *m_list;
    QStackedWidget *m_stack;
    QLabel *m_heading;
    QWidget *m_retention;
    MaintenanceSection *m_maintenance;
    SessionsSection *m_sessions;
    LocksSection *m_locks;
    PruneSection *m_prune;
};

} // namespace dbops
