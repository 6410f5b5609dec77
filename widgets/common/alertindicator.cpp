#include "common/alertindicator.h"

#include "alert/alertjobs.h"
#include "worker/dbworker.h"

#include <QStyle>

namespace dbops {

AlertIndicator::AlertIndicator(DbWorker *files, const QString &statePath, QWidget *parent)
    : QToolButton(parent), m_files(files), m_statePath(statePath)
{
    qRegisterMetaType<dbops::AlertCheck>();
    setObjectName(QStringLiteral("alertIndicator"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    hide(); // nothing active yet
    connect(this, &QToolButton::clicked, this, &AlertIndicator::openRequested);
    connect(m_files, &DbWorker::jobFinished, this, &AlertIndicator::onFinished);
}

void AlertIndicator::record(const StatusBoard &board)
{
    m_requestId = m_files->submit(QStringLiteral("alerts"), AlertJobs::record(board, m_statePath), false);
}

void AlertIndicator::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId || !result.canConvert<AlertCheck>())
        return;
    showCheck(result.value<AlertCheck>());
}

void AlertIndicator::showCheck(const AlertCheck &check)
{
    m_active = int(check.active.size());
    setVisible(m_active > 0);
    setText(m_active == 1 ? tr("1 alert") : tr("%1 alerts").arg(m_active));
    QStringList lines;
    for (const AlertObservation &o : check.active)
        lines << tr("%1 — %2: %3").arg(o.state, o.rule, o.reason);
    setToolTip(lines.isEmpty() ? QString()
                               : tr("Active alerts on %1 (click for the audit trail):\n%2")
                                     .arg(check.target, lines.join(QLatin1Char('\n'))));
    Q_EMIT alertsChanged(m_active);
}

} // namespace dbops
