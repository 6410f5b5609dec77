#include "cleanup/sessionssection.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "item/leakmodel.h"
#include "maintenance/maintenancejobs.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

namespace dbops {

SessionsSection::SessionsSection(DbWorker *ops, QWidget *parent)
    : CleanupSection(ops, parent), m_app(new QLineEdit(this)), m_idleMinutes(new QSpinBox(this)),
      m_idleInTx(new QCheckBox(tr("idle in transaction (any age)"), this)),
      m_previewButton(new QPushButton(tr("Preview"), this)), m_terminateButton(new QPushButton(tr("Terminate…"), this)),
      m_model(new LeakModel(this))
{
    setObjectName(QStringLiteral("sessionsSection"));
    body()->addWidget(
        PanelChrome::note(this, tr("An application's leaked PostgreSQL sessions. The console's own sessions and "
                                   "background workers are never listed.")));
    auto *form = new QFormLayout;
    m_app->setObjectName(QStringLiteral("sessionsApp"));
    m_app->setPlaceholderText(tr("application_name, e.g. trading_bot"));
    m_idleMinutes->setObjectName(QStringLiteral("sessionsIdleMinutes"));
    m_idleMinutes->setRange(0, 7 * 24 * 60);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setSpecialValueText(tr("idle sessions: never"));
    m_idleMinutes->setValue(0);
    m_idleInTx->setObjectName(QStringLiteral("sessionsIdleInTransaction"));
    m_idleInTx->setChecked(true);
    form->addRow(tr("Application"), m_app);
    form->addRow(tr("Leaked when"), m_idleInTx);
    form->addRow(tr("…or idle longer than"), m_idleMinutes);
    body()->addLayout(form);
    auto *buttons = new QHBoxLayout;
    m_previewButton->setObjectName(QStringLiteral("sessionsPreview"));
    m_terminateButton->setObjectName(QStringLiteral("sessionsTerminate"));
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_terminateButton);
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_table = TableViews::create(m_model, this, QStringLiteral("sessionsTable"));
    body()->addWidget(m_table, 1);

    const auto invalidate = [this] {
        m_preview.reset();
        updateButtons();
    };
    connect(m_app, &QLineEdit::textChanged, this, invalidate);
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, invalidate);
    connect(m_idleInTx, &QCheckBox::toggled, this, invalidate);
    connect(m_previewButton, &QPushButton::clicked, this, &SessionsSection::preview);
    connect(m_terminateButton, &QPushButton::clicked, this, &SessionsSection::terminateConfirmed);
    updateButtons();
}

void SessionsSection::setTarget(const Target &target, const SessionOptions &options)
{
    m_preview.reset();
    m_model->setSuspects({});
    CleanupSection::setTarget(target, options);
    if (target.isValid() && !target.isPostgres())
        banner()->showInfo(tr("SQLite stores have no server sessions: see Stale locks for lock files "
                              "left behind."));
}

LeakCriteria SessionsSection::criteria() const
{
    LeakCriteria c;
    c.application = m_app->text().trimmed();
    c.idleInTransaction = m_idleInTx->isChecked();
    c.idleOverSeconds = m_idleMinutes->value() > 0 ? m_idleMinutes->value() * 60.0 : -1;
    return c;
}

void SessionsSection::updateButtons()
{
    const bool pg = target().isPostgres();
    m_previewButton->setEnabled(pg && !m_app->text().trimmed().isEmpty() && !isBusy());
    m_terminateButton->setEnabled(pg && !isBusy() && !isReadOnly() && m_preview && !m_preview->sessions.isEmpty());
}

void SessionsSection::preview()
{
    const Target t = target();
    const LeakCriteria c = criteria();
    SessionOptions monitor = SessionOptions::monitor();
    monitor.password = sessionOptions().password;
    runJob(
        tr("leaked sessions"), LeakJobs::preview(t, c, monitor),
        [this](const QVariant &v) {
            m_preview = v.value<LeakPreview>();
            m_model->setSuspects(m_preview->sessions);
            showResult(tr("%1: %2 session(s) on %3, %4 leaked")
                           .arg(m_preview->criteria.application)
                           .arg(m_preview->applicationSessions)
                           .arg(m_preview->database)
                           .arg(m_preview->sessions.size()),
                       m_preview->sessions.isEmpty());
            updateButtons();
        },
        false);
}

void SessionsSection::terminateConfirmed()
{
    if (!m_preview || m_preview->sessions.isEmpty() || isReadOnly())
        return;
    const LeakPreview p = m_preview.value();
    QList<int> pids;
    ConfirmRequest r;
    for (const LeakSuspect &s : p.sessions) {
        pids << s.pid;
        r.items << tr("pid %1 — %2 — %3").arg(s.pid).arg(s.state, s.reason);
    }
    r.title = tr("Terminate %1 session(s) of %2").arg(pids.size()).arg(p.criteria.application);
    r.summary = tr("pg_terminate_backend ends these sessions; their open transactions are rolled back. "
                   "Sessions busy again by now are left alone. Each is recorded in the audit trail.");
    r.word = p.criteria.application;
    r.action = tr("Terminate");
    confirm(r, [this, p, pids] {
        const Target t = p.target;
        const LeakCriteria c = p.criteria;
        SessionOptions action = SessionOptions::action();
        action.password = sessionOptions().password;
        runJob(
            tr("terminate leaked sessions"), LeakJobs::terminate(t, c, pids, action),
            [this](const QVariant &v) {
                const LeakTermination done = v.value<LeakTermination>();
                QStringList failures;
                for (const TerminateOutcome &o : done.outcomes)
                    if (o.error)
                        failures << tr("pid %1: %2").arg(o.pid).arg(o.error.oneLine());
                const QString line = tr("Terminated %1 session(s) of %2; %3 failed")
                                         .arg(done.terminated())
                                         .arg(done.preview.criteria.application)
                                         .arg(done.failed());
                showResult(failures.isEmpty() ? line
                                              : line + QStringLiteral(": ") + failures.join(QStringLiteral("; ")),
                           failures.isEmpty());
                m_preview.reset();
                m_model->setSuspects({});
                Q_EMIT succeeded(line);
                updateButtons();
            },
            true);
    });
}

} // namespace dbops
