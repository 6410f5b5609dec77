#pragma once
// "Add schedule…": a dbops job (backup, verify, drill, cleanup, maintain) on the console's store, how often (the
// grammar of `dbops schedule add --every`), the job's options as the CLI takes them, a name, user or system units.
// What is wrong is said under the fields as it is typed; the units and the command the schedule will write are
// shown in full before anything is written (the same ScheduleSetup::spec and ScheduleSpec texts the CLI writes).
// The dialog writes nothing: addRequested() hands the spec over; the caller writes it on a worker and either
// closes the dialog (finish) or shows why it could not (showFailure).
#include "connection/target.h"
#include "core/error.h"
#include "schedule/schedulespec.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace dbops {

class ErrorBanner;

class ScheduleDialog : public QDialog {
    Q_OBJECT
public:
    // `program`: the dbops the units run; `taken`: the names of the schedules that exist.
    ScheduleDialog(const Target &target, const QString &program, const QStringList &taken, QWidget *parent = nullptr);

    // The schedule the fields describe; an error in the operator's words when they describe none.
    Expected<ScheduleSpec> spec() const;
    bool systemUnits() const;
    QString problemText() const;
    QString previewText() const;
    QPushButton *addButton() const { return m_add; }

    void showFailure(const Error &error); // the worker could not write it: the dialog stays open
    void finish();                        // written: closes

Q_SIGNALS:
    void addRequested(const dbops::ScheduleSpec &spec, bool system);

private:
    Error check() const;
    void update();
    QString unitDir() const;

    Target m_target;
    QString m_program;
    QStringList m_taken;
    QComboBox *m_job;
    QLineEdit *m_every;
    QLineEdit *m_options;
    QLabel *m_optionsHint;
    QLineEdit *m_name;
    QCheckBox *m_system;
    ErrorBanner *m_problem;
    QPlainTextEdit *m_preview;
    QPushButton *m_add;
};

} // namespace dbops
