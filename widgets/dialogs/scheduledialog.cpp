#include "dialogs/scheduledialog.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "schedule/schedulesetup.h"
#include "schedule/scheduleunits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace dbops {
namespace {

// What each job's command takes, in the CLI's own words (`dbops JOB --help` has the rest).
QString optionsHint(const QString &job)
{
    if (job == QLatin1String("backup"))
        return ScheduleDialog::tr("e.g. --out /var/backups/dbops; PostgreSQL: --compress 6, or --engine pgbackrest "
                                  "--type incr");
    if (job == QLatin1String("verify"))
        return ScheduleDialog::tr("Verifies the newest backup (--latest is added); e.g. --dir /var/backups/dbops");
    if (job == QLatin1String("drill"))
        return ScheduleDialog::tr("e.g. --dir /var/backups/dbops --probe open_orders --scratch-dir /var/tmp");
    if (job == QLatin1String("cleanup"))
        return ScheduleDialog::tr("e.g. --policy trades:created_at:90d --apply --yes");
    return ScheduleDialog::tr("e.g. --op analyze --yes (see dbops maintain --help)");
}

QLineEdit *field(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ScheduleDialog::ScheduleDialog(const Target &target, const QString &program, const QStringList &taken, QWidget *parent)
    : QDialog(parent), m_target(target), m_program(program), m_taken(taken), m_job(new QComboBox(this)),
      m_every(field(QStringLiteral("scheduleEvery"), tr("15min, 1h, 6h, daily, weekly, 03:30, …"), this)),
      m_options(field(QStringLiteral("scheduleOptions"), tr("the job's options, as on the command line"), this)),
      m_optionsHint(PanelChrome::note(this)), m_name(field(QStringLiteral("scheduleName"), QString(), this)),
      m_system(new QCheckBox(tr("System units (/etc/systemd/system, needs root) instead of my user's"), this)),
      m_problem(new ErrorBanner(this)), m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("scheduleDialog"));
    setWindowTitle(tr("Add schedule"));
    setMinimumWidth(640);
    m_job->setObjectName(QStringLiteral("scheduleJob"));
    m_job->addItems(ScheduleSpec::jobs());
    m_every->setText(QStringLiteral("daily"));
    m_system->setObjectName(QStringLiteral("scheduleSystem"));
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setMinimumHeight(240);
    m_optionsHint->setWordWrap(false); // wrapped, it reserves the height of a narrow dialog and leaves gaps
    auto *form = new QFormLayout;
    auto *store = new QLabel(target.isValid() ? ScheduleSetup::targetWord(target) : tr("(no store open)"), this);
    store->setObjectName(QStringLiteral("scheduleStore"));
    store->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Store:"), store);
    form->addRow(tr("&Job:"), m_job);
    form->addRow(tr("&Every:"), m_every);
    form->addRow(tr("&Options:"), m_options);
    form->addRow(QString(), m_optionsHint);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_system);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add schedule"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("scheduleAdd"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelChrome::title(tr("Add schedule"), this));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(new QLabel(tr("It will write these units and run this command:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    for (QLineEdit *e : {m_every, m_options, m_name})
        connect(e, &QLineEdit::textChanged, this, &ScheduleDialog::update);
    connect(m_job, &QComboBox::currentTextChanged, this, &ScheduleDialog::update);
    connect(m_system, &QCheckBox::toggled, this, &ScheduleDialog::update);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const auto s = spec();
        if (!s)
            return;
        m_add->setEnabled(false); // until the worker answers
        Q_EMIT addRequested(s.value(), systemUnits());
    });
    update();
}

bool ScheduleDialog::systemUnits() const { return m_system->isChecked(); }

QString ScheduleDialog::problemText() const { return m_problem->text(); }

QString ScheduleDialog::previewText() const { return m_preview->toPlainText(); }

QString ScheduleDialog::unitDir() const { return ScheduleUnits(systemUnits()).dir(); }

// The fields in the operator's words; ScheduleSetup::spec (the CLI's checks) has the last word.
Error ScheduleDialog::check() const
{
    const QString every = m_every->text().trimmed();
    const QString name = m_name->text().trimmed();
    auto problem = [](const QString &message, const QString &hint = {}) {
        return Error::make(ErrorCode::Usage, message, hint);
    };
    if (!m_target.isValid())
        return problem(tr("No store is open."), tr("Open the store first: a schedule runs on the console's store."));
    if (every.isEmpty())
        return problem(tr("Say how often it runs."), tr("For example 15min, 1h, 6h, daily, weekly or 03:30."));
    if (!ScheduleSpec::onCalendarFor(every))
        return problem(tr("“%1” is not a period dbops understands.").arg(every),
                       tr("Use 15min, 1h, 6h, daily, weekly, a time such as 03:30, or a systemd calendar "
                          "expression such as “Mon..Fri *-*-* 02:00:00”."));
    if (m_options->text().count(QLatin1Char('"')) % 2 != 0)
        return problem(tr("A quote in the options is not closed."), tr("Close it, or leave the quotes out."));
    if (ScheduleSetup::namesStore(QProcess::splitCommand(m_options->text())))
        return problem(tr("Leave --db out of the options."),
                       tr("The schedule runs on %1, the console's store.").arg(ScheduleSetup::targetWord(m_target)));
    if (!name.isEmpty() && !ScheduleSpec::isValidName(name))
        return problem(tr("“%1” cannot be a schedule's name.").arg(name),
                       tr("Use letters, digits, “-” and “_”, starting with a letter or digit (80 at most)."));
    return {};
}

Expected<ScheduleSpec> ScheduleDialog::spec() const
{
    if (Error e = check())
        return e;
    ScheduleDraft draft;
    draft.job = m_job->currentText();
    draft.target = m_target;
    draft.every = m_every->text().trimmed();
    draft.name = m_name->text().trimmed();
    draft.jobArgs = QProcess::splitCommand(m_options->text());
    draft.program = m_program;
    auto s = ScheduleSetup::spec(draft);
    if (s && m_taken.contains(s->name))
        return Error::make(ErrorCode::Usage, tr("A schedule named %1 exists already.").arg(s->name),
                           tr("Give this one another name, or remove that one first."));
    return s;
}

void ScheduleDialog::update()
{
    m_optionsHint->setText(optionsHint(m_job->currentText()));
    m_name->setPlaceholderText(
        m_target.isValid() ? ScheduleSpec::defaultName(m_job->currentText(), ScheduleSetup::targetWord(m_target))
                           : QString());
    const auto s = spec();
    m_add->setEnabled(bool(s));
    if (!s) {
        m_problem->showError(s.error());
        m_preview->clear();
        return;
    }
    m_problem->clear();
    const QString base = unitDir() + QLatin1Char('/') + s->name;
    m_preview->setPlainText(tr("# %1.service\n%2\n# %1.timer\n%3\n# runs\n%4\n")
                                .arg(base, s->serviceText(), s->timerText(), s->command().join(QLatin1Char(' '))));
}

void ScheduleDialog::showFailure(const Error &error)
{
    m_problem->showError(error);
    m_add->setEnabled(true);
}

void ScheduleDialog::finish() { accept(); }

} // namespace dbops
