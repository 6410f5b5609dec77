#include "panels/auditpanel.h"

#include "common/panelchrome.h"

#include "audit/auditjobs.h"
#include "common/errorbanner.h"
#include "common/severitydelegate.h"
#include "common/tableviews.h"
#include "item/auditmodel.h"
#include "worker/dbworker.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

AuditPanel::AuditPanel(DbWorker *files, const QString &databasePath, QWidget *parent)
    : QWidget(parent), m_files(files), m_databasePath(databasePath), m_path(PanelChrome::note(this)),
      m_empty(new QLabel(this)), m_chain(new QLabel(this)), m_refresh(PanelChrome::refreshButton(tr("Refresh"), this)),
      m_alertsOnly(new QCheckBox(tr("Alerts only"), this)), m_banner(new ErrorBanner(this)),
      m_model(new AuditModel(this))
{
    setObjectName(QStringLiteral("auditPanel"));
    m_banner->setObjectName(QStringLiteral("auditError"));
    auto *title = PanelChrome::title(tr("Audit trail"), this);
    m_path->setText(tr("Every backup, restore, cleanup and cancel/terminate an operator starts is recorded "
                       "here, with who, when, on what, and how it ended."));
    m_empty->setObjectName(QStringLiteral("auditEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setText(tr("No operator actions recorded yet."));
    m_empty->hide();
    m_chain->setObjectName(QStringLiteral("auditChain"));
    m_chain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chain->setWordWrap(true);
    m_view = TableViews::create(m_model, this, QStringLiteral("auditTable"), AuditModel::DetailColumn);
    // A restore's or cleanup's parameters run long: Detail (how it ended) keeps the width, the parameters are cut
    // with their full text in the tooltip.
    TableViews::limitColumn(m_view, AuditModel::ParametersColumn, 40);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(m_path);
    titles->addWidget(m_chain);
    auto *header = new QHBoxLayout;
    header->addLayout(titles, 1);
    header->addWidget(m_alertsOnly, 0, Qt::AlignBottom);
    header->addWidget(m_refresh, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);

    m_alertsOnly->setObjectName(QStringLiteral("auditAlertsOnly"));
    m_alertsOnly->setToolTip(tr("Only the alerts and recoveries of `dbops watch` and the console"));
    connect(m_alertsOnly, &QCheckBox::toggled, this, &AuditPanel::showRecords);
    connect(m_refresh, &QToolButton::clicked, this, &AuditPanel::refresh);
    connect(m_files, &DbWorker::jobFinished, this, &AuditPanel::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &AuditPanel::onFailed);
}

void AuditPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void AuditPanel::refresh()
{
    const QString path = m_databasePath;
    m_refresh->setEnabled(false);
    m_requestId = m_files->submit(QStringLiteral("read audit trail"), AuditJobs::recent(path, 500), false);
    showChain(tr("Chain: checking…"), false);
    m_verifyId = m_files->submit(QStringLiteral("verify audit chain"), AuditJobs::verify(path), false);
}

QString AuditPanel::chainText() const { return m_chain->text(); }

void AuditPanel::setAlertsOnly(bool on) { m_alertsOnly->setChecked(on); }

bool AuditPanel::alertsOnly() const { return m_alertsOnly->isChecked(); }

void AuditPanel::showRecords()
{
    QList<AuditRecord> shown = m_records;
    if (alertsOnly())
        shown.removeIf([](const AuditRecord &r) { return r.action != QLatin1String("alert"); });
    m_model->setRecords(shown);
    m_empty->setText(alertsOnly() ? tr("No alert recorded yet.") : tr("No operator actions recorded yet."));
    m_empty->setVisible(shown.isEmpty());
}

void AuditPanel::showChain(const QString &text, bool broken)
{
    m_chainBroken = broken;
    m_chain->setText(text);
    QPalette p = palette();
    if (broken)
        p.setColor(QPalette::WindowText, SeverityDelegate::color(Severity::Critical, palette()));
    m_chain->setPalette(p);
}

void AuditPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id == m_verifyId && result.canConvert<AuditChainResult>()) {
        const AuditChainState state = result.value<AuditChainResult>().state;
        if (state.whole)
            showChain(tr("Chain: whole (%n record(s) sealed, each carrying the hash of the one before)", nullptr,
                         int(state.checked)),
                      false);
        else
            showChain(tr("Chain broken at record %1 (%2): %3 — keep state.db as evidence")
                          .arg(state.brokenId)
                          .arg(state.brokenAt.isValid() ? state.brokenAt.toLocalTime().toString(Qt::ISODate)
                                                        : tr("time unknown"),
                               state.what),
                      true);
        return;
    }
    if (id != m_requestId || !result.canConvert<AuditResult>())
        return;
    const AuditResult r = result.value<AuditResult>();
    m_refresh->setEnabled(true);
    m_banner->clear();
    m_records = r.records;
    showRecords();
    m_view->setToolTip(tr("Kept in %1").arg(r.path));
}

void AuditPanel::onFailed(quint64 id, const Error &error)
{
    if (id == m_verifyId) {
        showChain(tr("Chain: could not be checked (%1)").arg(error.message), true);
        return;
    }
    if (id != m_requestId)
        return;
    m_refresh->setEnabled(true);
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

} // namespace dbops
