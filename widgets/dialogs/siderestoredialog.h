#pragma once
// What the operator settles before a pgBackRest stanza is restored into a side instance: the moment (seconds,
// the operator's time zone; inside the restorable window), the data directory (new or empty; by default one of
// its own under $XDG_DATA_HOME/dbops/side) and the port (free on 127.0.0.1; by default the first free one from
// 5433). Directory and port are checked on the file worker (SideChecks, via PitrJobs::checkSide) as they are
// edited; every problem is said in words, and Restore stays disabled until there is none. The dialog runs
// nothing itself: accepted() hands back request() for PitrJobs::restoreSide.
#include "pitr/pitrengine.h"
#include "pitr/sidecheck.h"
#include "pitr/siderestore.h"

#include <QDialog>

class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace dbops {

class DbWorker;

class SideRestoreDialog : public QDialog {
    Q_OBJECT
public:
    SideRestoreDialog(const PitrInfo &info, const QDateTime &moment, DbWorker *files, QWidget *parent = nullptr);

    SideRestoreRequest request() const;
    bool canRestore() const;
    QString problems() const; // what keeps Restore disabled, one line each; empty when nothing does
    bool checking() const { return m_checkId != 0; }

Q_SIGNALS:
    // A check of the directory and port came back (the problems are up to date).
    void checked();

private:
    QLayout *buildForm();
    void scheduleCheck();
    void check();
    void onChecked(quint64 id, const QVariant &result);
    void update();
    QStringList problemList() const;
    QDateTime moment() const; // UTC, whole seconds

    PitrInfo m_info;
    DbWorker *m_files;
    QDateTimeEdit *m_moment;
    QLineEdit *m_dir;
    QSpinBox *m_port;
    QLabel *m_problems;
    QPushButton *m_restore;
    QTimer *m_debounce;
    SideCheck m_check;
    QString m_checkedDir; // what the last check was asked (empty: the default)
    int m_checkedPort = 0;
    QDateTime m_checkedMoment;
    quint64 m_checkId = 0;
    bool m_dirChosen = false; // the operator typed or browsed a directory: no longer the default
    bool m_portChosen = false;
};

} // namespace dbops
