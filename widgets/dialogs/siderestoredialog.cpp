#include "dialogs/siderestoredialog.h"

#include "common/panelchrome.h"
#include "core/format.h"
#include "pitr/pitrjobs.h"
#include "worker/dbworker.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

namespace {
constexpr int kDebounceMs = 250; // one check once typing pauses, not one per key
const QString kMomentFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
} // namespace

SideRestoreDialog::SideRestoreDialog(const PitrInfo &info, const QDateTime &moment, DbWorker *files, QWidget *parent)
    : QDialog(parent), m_info(info), m_files(files), m_moment(new QDateTimeEdit(this)), m_dir(new QLineEdit(this)),
      m_port(new QSpinBox(this)), m_problems(new QLabel(this)), m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("sideRestoreDialog"));
    setWindowTitle(tr("Restore %1 into a side instance").arg(info.stanza));
    setMinimumWidth(640);
    m_moment->setDateTime(moment.toLocalTime());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelChrome::title(tr("Restore stanza %1 into a side instance").arg(info.stanza), this));
    auto *explain = new QLabel(tr("pgBackRest restores the whole cluster as it was at the moment into a data "
                                  "directory of its own and starts it there, on its own port, listening on 127.0.0.1 "
                                  "only, with WAL archiving off. <b>The live server is not touched.</b>"),
                               this);
    explain->setObjectName(QStringLiteral("sideExplain"));
    explain->setWordWrap(true);
    layout->addWidget(explain);
    layout->addLayout(buildForm());
    m_problems->setObjectName(QStringLiteral("sideProblems"));
    m_problems->setAccessibleName(tr("Problems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problems);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_restore = buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(QStringLiteral("sideRestoreButton"));
    layout->addWidget(buttons);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &SideRestoreDialog::check);
    connect(m_moment, &QDateTimeEdit::dateTimeChanged, this, &SideRestoreDialog::scheduleCheck);
    connect(m_dir, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_dirChosen = !text.trimmed().isEmpty(); // cleared: the default again
        scheduleCheck();
    });
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        m_portChosen = m_port->value() > 0;
        scheduleCheck();
    });
    connect(m_files, &DbWorker::jobFinished, this, &SideRestoreDialog::onChecked);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canRestore())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

QLayout *SideRestoreDialog::buildForm()
{
    auto *form = new QFormLayout;
    const QDateTime from = SideChecks::earliest(m_info);
    auto *window = PanelChrome::note(
        this, from.isValid() ? tr("%1 to %2").arg(Format::moment(from), Format::moment(m_info.restorableTo))
                             : tr("none: the stanza holds no backup yet"));
    window->setObjectName(QStringLiteral("sideWindow"));
    form->addRow(tr("Restorable window"), window);
    m_moment->setObjectName(QStringLiteral("sideMoment"));
    m_moment->setAccessibleName(tr("Moment"));
    m_moment->setDisplayFormat(kMomentFormat);
    m_moment->setToolTip(tr("The cluster as it was at this second (your time zone): every transaction committed by "
                            "then, none after"));
    form->addRow(tr("&Moment"), m_moment);
    m_dir->setObjectName(QStringLiteral("sideDirectory"));
    m_dir->setAccessibleName(tr("Data directory"));
    m_dir->setToolTip(tr("A new directory (dbops creates it) or an empty one"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Side instance data directory"), m_dir->text());
        if (dir.isEmpty())
            return;
        m_dir->setText(QDir::toNativeSeparators(dir));
        m_dirChosen = true;
        scheduleCheck();
    });
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dir, 1);
    dirRow->addWidget(browse);
    auto *dirLabel = new QLabel(tr("&Data directory"), this);
    dirLabel->setBuddy(m_dir); // a row holding a layout gets no buddy by itself: the mnemonic needs one
    form->addRow(dirLabel, dirRow);
    m_port->setObjectName(QStringLiteral("sidePort"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("a free one"));
    m_port->setToolTip(tr("Its TCP port on 127.0.0.1"));
    form->addRow(tr("&Port"), m_port);
    return form;
}

QDateTime SideRestoreDialog::moment() const
{
    const QDateTime at = m_moment->dateTime().toUTC();
    return at.addMSecs(-at.time().msec());
}

void SideRestoreDialog::scheduleCheck()
{
    m_restore->setEnabled(false); // until the check of what is shown now comes back
    m_debounce->start();
}

void SideRestoreDialog::check()
{
    m_checkedDir = m_dirChosen ? QDir::fromNativeSeparators(m_dir->text().trimmed()) : QString();
    m_checkedPort = m_portChosen ? m_port->value() : 0;
    m_checkedMoment = moment();
    m_checkId =
        m_files->submit(QStringLiteral("check side instance"),
                        PitrJobs::checkSide(m_info.stanza, m_checkedMoment, m_checkedDir, m_checkedPort), false);
    update();
}

void SideRestoreDialog::onChecked(quint64 id, const QVariant &result)
{
    if (id != m_checkId)
        return;
    m_checkId = 0;
    m_check = result.value<SideCheck>();
    if (!m_dirChosen)
        m_dir->setText(QDir::toNativeSeparators(m_check.dataDirectory)); // setText: not an edit of the operator's
    if (!m_portChosen) {
        const QSignalBlocker quiet(m_port);
        m_port->setValue(m_check.port);
    }
    update();
    Q_EMIT checked();
}

QStringList SideRestoreDialog::problemList() const
{
    QStringList p;
    const QDateTime at = moment();
    if (!SideChecks::inWindow(m_info, at))
        p << (SideChecks::earliest(m_info).isValid()
                  ? tr("%1 is outside the restorable window (%2 to %3): pick a moment inside it.")
                        .arg(Format::moment(at), Format::moment(SideChecks::earliest(m_info)),
                             Format::moment(m_info.restorableTo))
                  : tr("The stanza holds no backup yet: take one first (Back up now, or dbops backup --engine "
                       "pgbackrest)."));
    if (m_checkId || m_check.dataDirectory.isEmpty())
        return p; // directory and port: not known yet
    if (m_check.directory == SideCheck::Directory::NotEmpty)
        p << tr("The data directory %1 is not empty: name a new directory (dbops creates it) or an empty one.")
                 .arg(QDir::toNativeSeparators(m_check.dataDirectory));
    else if (m_check.directory == SideCheck::Directory::NotADirectory)
        p << tr("%1 is a file, not a directory: name a new directory.")
                 .arg(QDir::toNativeSeparators(m_check.dataDirectory));
    else if (m_check.directory == SideCheck::Directory::OutOfReach)
        p << tr("The cluster's user postgres cannot enter %1: name a directory it can reach (under /var/tmp, say).")
                 .arg(QDir::toNativeSeparators(m_check.closedFolder));
    if (!m_check.portFree)
        p << (m_check.port > 0 ? tr("Port %1 on 127.0.0.1 is in use: pick another one.").arg(m_check.port)
                               : tr("No free port found from 5433 on: type one."));
    return p;
}

QString SideRestoreDialog::problems() const { return problemList().join(QLatin1Char('\n')); }

bool SideRestoreDialog::canRestore() const
{
    return !m_checkId && !m_debounce->isActive() && !m_check.dataDirectory.isEmpty() && problemList().isEmpty();
}

void SideRestoreDialog::update()
{
    const QString text = problems();
    m_problems->setText(text);
    m_problems->setVisible(!text.isEmpty());
    m_restore->setEnabled(canRestore());
}

SideRestoreRequest SideRestoreDialog::request() const
{
    SideRestoreRequest r;
    r.moment = moment();
    r.dataDirectory = m_check.dataDirectory;
    r.port = m_check.port;
    return r;
}

} // namespace dbops
