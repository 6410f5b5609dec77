#pragma once
// The Backups tab's "Side instances" section, for a PostgreSQL target with a pgBackRest stanza: the side
// instances of the target dbops made on this workstation as SideInstanceRegistry lists them at each reading of the
// stanza (one stopped by the CLI, or whose directory went, leaves the list then), plus those this console started
// since that reading, and what the operator does with one:
//   Restore to a side instance…  SideRestoreDialog (moment, data directory, port) → PitrJobs::restoreSide
//   Compare with live            PitrJobs::compare: rows and newest timestamp per table on both sides, in a
//                                window of its own (the tab's timeline keeps its room), differing tables highlighted
//   Copy back…                   in that window, the selected table, after a typed confirmation (its name):
//                                PitrJobs::copyBack — safety dump, one transaction; refused in incident mode
//   Stop and remove…             typed confirmation (the directory's name) → PitrJobs::stopSide
// Each runs the CLI's own core call on the section's worker, with its progress and Cancel in a strip, so the
// rest of the window stays usable and the audit trail reads as for the CLI.
#include "connection/target.h"
#include "pitr/pitrjobs.h"

#include <QPointer>
#include <QWidget>
#include <chrono>
#include <functional>

class QDialog;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace dbops {

class ConfirmDialog;
struct ConfirmRequest;
class DbWorker;
class ErrorBanner;
class JobProgressStrip;
class SideRestoreDialog;
class TableCompareModel;
class TargetSession;

class SideInstanceSection : public QWidget {
    Q_OBJECT
public:
    // `files`: the worker the dialog's checks run on (quick); the section's own worker runs the long jobs.
    SideInstanceSection(TargetSession *session, DbWorker *files, QWidget *parent = nullptr);
    ~SideInstanceSection() override;

    // The stanza of the open target (the Backups tab's reading, made on a worker); the section shows for
    // PostgreSQL with one. A reading of another target (the one open before) is ignored; an empty one clears.
    void setPitr(const PitrReading &reading);
    void setReadOnly(bool readOnly); // incident mode: Copy back off
    void restoreAt(const QDateTime &at);
    void openRestoreDialog(); // at the window's end
    void compareSelected();
    void copyBackSelected();
    void stopSelected();

    bool busy() const { return m_running; }
    int sideCount() const;
    QString selectedSide() const;  // data directory
    QString selectedTable() const; // of the compare
    const TableCompareModel *compareModel() const { return m_compare; }
    SideRestoreDialog *restoreDialog() const;
    ConfirmDialog *confirmDialog() const;
    QString resultText() const;
    QDialog *compareWindow() const { return m_compareWindow; }

Q_SIGNALS:
    void errorReported(const dbops::Error &error);
    // A job ended (well or not): the list, compare and banner show its outcome.
    void jobDone();

private:
    struct Side {
        SideRestoreResult result;
        Target live;                                       // with its password, in memory only
        std::chrono::steady_clock::time_point startedAt{}; // by this console; a registry one: none
    };
    using Done = std::function<void(const QVariant &)>;
    QLayout *buildButtons();
    void buildCompareWindow();
    void run(const QString &title, quint64 id, Done done);
    void finish(const QVariant &result, const Error &error);
    void confirm(const ConfirmRequest &request, std::function<void()> go);
    void addSide(const SideRestoreResult &result, const Target &live);
    void showSides();
    void forget(const QString &dataDir);
    QString liveName() const; // the open target's display; empty when none is open
    const Side *side(const QString &dataDir) const;
    Target liveTarget() const;
    void updateButtons();

    TargetSession *m_session;
    DbWorker *m_files;
    DbWorker *m_worker;
    PitrReading m_pitr;
    QList<Side> m_sides;   // listed: m_pitr's side instances, then those in m_started not in it
    QList<Side> m_started; // by this console, until a reading made after their start lists them (or not)
    QStandardItemModel *m_list;
    QTableView *m_listView;
    TableCompareModel *m_compare;
    QDialog *m_compareWindow = nullptr;
    QTableView *m_compareView = nullptr;
    QLabel *m_result;
    QLabel *m_compareNote = nullptr;
    ErrorBanner *m_banner;
    JobProgressStrip *m_strip;
    QPushButton *m_restore;
    QPushButton *m_compareButton;
    QPushButton *m_copyBack = nullptr;
    QPushButton *m_stop;
    QPointer<SideRestoreDialog> m_dialog;
    QPointer<ConfirmDialog> m_confirm;
    QString m_comparedDir; // the side instance the compare shows
    Done m_done;
    bool m_running = false;
    bool m_readOnly = false;
};

} // namespace dbops
