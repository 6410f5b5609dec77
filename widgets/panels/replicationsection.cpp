#include "panels/replicationsection.h"

#include "common/panelchrome.h"
#include "common/severitydelegate.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "item/replicationmodel.h"
#include "schema/healthreport.h"
#include "schema/pgreplication.h"

#include <QBoxLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace dbops {

namespace {

constexpr int kMostRowsShown = 6; // a longer list scrolls inside its table

template <typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

void paint(QLabel *label, Severity severity)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, SeverityDelegate::color(severity, label->parentWidget()->palette()));
    label->setPalette(palette);
}

// A table as tall as its rows (up to kMostRowsShown): the section takes the height it needs and no more.
void fitHeight(QTableView *view, int rows)
{
    const int shown = std::clamp(rows, 1, kMostRowsShown);
    view->setFixedHeight(view->horizontalHeader()->sizeHint().height() +
                         shown * view->verticalHeader()->defaultSectionSize() + 2 * view->frameWidth());
}

// A titled list: the table when it has rows, else a line saying there is nothing.
QVBoxLayout *titledList(const QString &title, QTableView *view, QLabel *empty, QWidget *parent)
{
    auto *column = new QVBoxLayout;
    column->addWidget(PanelChrome::title(title, parent, 1.0));
    column->addWidget(view);
    column->addWidget(empty);
    column->addStretch(1);
    return column;
}

// The width a list needs to show every column whole: its table's columns, or its "nothing" line.
int neededWidth(const QTableView *view, const QLabel *empty)
{
    if (view->isHidden())
        return empty->sizeHint().width();
    const auto *items = static_cast<const QAbstractItemView *>(view); // sizeHintForColumn is public there
    int width = 2 * view->frameWidth();
    for (int c = 0; c < view->model()->columnCount(); ++c)
        width += std::max(items->sizeHintForColumn(c), view->horizontalHeader()->sectionSizeHint(c));
    return width;
}

void showRows(QTableView *view, QLabel *empty, int rows)
{
    view->setVisible(rows > 0);
    empty->setVisible(rows == 0);
    fitHeight(view, rows);
}

QString lagText(qint64 bytes, double seconds)
{
    return ReplicationSection::tr("%1 of WAL and %2")
        .arg(bytes < 0 ? QStringLiteral("?") : Format::bytes(bytes),
             seconds < 0 ? ReplicationSection::tr("an unknown time") : Format::milliseconds(seconds * 1000));
}

} // namespace

ReplicationSection::ReplicationSection(QWidget *parent)
    : QWidget(parent), m_archiveState(new QLabel(this)), m_archiveDetails(PanelChrome::note(this)),
      m_self(new QLabel(this)), m_error(PanelChrome::note(this)), m_body(new QWidget(this)),
      m_standbys(new StandbysModel(this)), m_slots(new ReplicationSlotsModel(this)),
      m_standbysView(
          TableViews::create(m_standbys, m_body, QStringLiteral("replicationStandbys"), StandbysModel::ClientColumn)),
      m_slotsView(TableViews::create(m_slots, m_body, QStringLiteral("replicationSlots"),
                                     ReplicationSlotsModel::DatabaseColumn)),
      m_standbysEmpty(PanelChrome::note(m_body, tr("No standby is connected."))),
      m_slotsEmpty(PanelChrome::note(m_body, tr("No replication slot."))),
      m_lists(new QBoxLayout(QBoxLayout::LeftToRight))
{
    named(this, QStringLiteral("replicationSection"), tr("Replication"));
    named(m_archiveState, QStringLiteral("replicationArchiveState"), tr("Archiving state"));
    named(m_archiveDetails, QStringLiteral("replicationArchive"), tr("Archiving details"));
    named(m_self, QStringLiteral("replicationSelf"), tr("This standby's replay lag"));
    named(m_error, QStringLiteral("replicationError"), tr("Replication not readable"));
    m_standbysView->setAccessibleName(tr("Standbys"));
    m_slotsView->setAccessibleName(tr("Replication slots"));
    named(m_standbysEmpty, QStringLiteral("replicationStandbysEmpty"), tr("No standby"));
    named(m_slotsEmpty, QStringLiteral("replicationSlotsEmpty"), tr("No replication slot"));
    QFont bold = m_archiveState->font();
    bold.setBold(true);
    m_archiveState->setFont(bold);
    m_archiveState->setToolTip(
        tr("failing: the last archiving attempt failed (newer than the last success); lagging: completed WAL "
           "segments wait and the last success is older than %1 — the same rules as the health findings")
            .arg(Format::duration(qint64(PgReplication::kArchiveLagWarnS))));
    m_self->setWordWrap(true);

    auto *archive = new QHBoxLayout;
    archive->addWidget(m_archiveState);
    archive->addWidget(m_archiveDetails, 1);
    m_lists->addLayout(titledList(tr("Standbys"), m_standbysView, m_standbysEmpty, m_body));
    m_lists->addLayout(titledList(tr("Replication slots"), m_slotsView, m_slotsEmpty, m_body));
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addLayout(archive);
    body->addWidget(m_self);
    body->addLayout(m_lists);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(PanelChrome::title(tr("Replication"), this));
    layout->addWidget(m_error);
    layout->addWidget(m_body);
    showRows(m_standbysView, m_standbysEmpty, 0);
    showRows(m_slotsView, m_slotsEmpty, 0);
    hide(); // until a PostgreSQL report
}

void ReplicationSection::setReport(const HealthReport &report)
{
    const PgReplicationState *state = report.replication.get();
    const QString error = report.facts.value(QStringLiteral("replication_error")).toString();
    setVisible(state || !error.isEmpty());
    m_error->setVisible(!state && !error.isEmpty());
    m_error->setText(tr("Archiving and replication could not be read: %1").arg(error));
    m_body->setVisible(state);
    m_standbys->setStandbys(state ? state->standbys : QList<PgStandbyState>());
    m_slots->setSlots(state ? state->replicationSlots : QList<PgSlotState>());
    showRows(m_standbysView, m_standbysEmpty, m_standbys->rowCount());
    showRows(m_slotsView, m_slotsEmpty, m_slots->rowCount());
    arrange();
    if (!state)
        return;
    showArchive(state->archive);
    showSelf(*state);
}

void ReplicationSection::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

// Side by side when both lists fit whole, each as wide as its columns ask; else one above the other, at full
// width: a cut column, or a scroll bar over a table one row tall, would hide what the section is for.
void ReplicationSection::arrange()
{
    const int standbys = neededWidth(m_standbysView, m_standbysEmpty);
    const int slotList = neededWidth(m_slotsView, m_slotsEmpty);
    const bool fits = width() >= standbys + slotList + m_lists->spacing();
    m_lists->setDirection(fits ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_lists->setStretch(0, fits ? standbys : 0);
    m_lists->setStretch(1, fits ? slotList : 0);
}

void ReplicationSection::showArchive(const PgArchiveState &archive)
{
    QString word = tr("ok");
    m_archiveSeverity = Severity::Good;
    if (!archive.enabled()) {
        word = tr("off");
        m_archiveSeverity = Severity::Quiet;
    } else if (archive.failing()) {
        word = tr("failing");
        m_archiveSeverity = Severity::Critical;
    } else if (archive.lagging()) {
        word = tr("lagging");
        m_archiveSeverity = Severity::Warning;
    }
    m_archiveState->setText(tr("Archiving: %1").arg(word));
    paint(m_archiveState, m_archiveSeverity);
    m_archiveDetails->setText(archiveDetails(archive));
    m_archiveDetails->setToolTip(archive.lastFailedAt.isValid()
                                     ? tr("last failure at %1").arg(Format::momentUtc(archive.lastFailedAt))
                                     : QString());
}

QString ReplicationSection::archiveDetails(const PgArchiveState &a) const
{
    if (!a.enabled())
        return tr("archive_mode is %1: no WAL is archived, so there is no point-in-time recovery")
            .arg(a.mode.isEmpty() ? QStringLiteral("off") : a.mode);
    QStringList parts{tr("mode %1").arg(a.mode)};
    if (a.lastArchivedWal.isEmpty())
        parts << tr("nothing archived yet");
    else if (a.lastArchivedAgeS < 0)
        parts << tr("last archived %1").arg(a.lastArchivedWal);
    else
        parts << tr("last archived %1, %2 ago").arg(a.lastArchivedWal, Format::duration(qint64(a.lastArchivedAgeS)));
    if (a.failedCount == 0)
        parts << tr("no failures");
    else
        parts << tr("%1 failures, the last %2 at %3")
                     .arg(Format::count(a.failedCount))
                     .arg(a.lastFailedWal, Format::moment(a.lastFailedAt));
    if (a.pendingSegments >= 0)
        parts << tr("%1 segments waiting").arg(Format::count(a.pendingSegments));
    return parts.join(QStringLiteral(" · "));
}

void ReplicationSection::showSelf(const PgReplicationState &state)
{
    m_self->setVisible(state.inRecovery);
    if (!state.inRecovery)
        return;
    m_self->setText(tr("This server is a standby: it replays %1 behind its primary.")
                        .arg(lagText(state.ownReplayLagBytes, state.ownReplayLagS)));
    paint(m_self, state.ownLagging() ? Severity::Warning : Severity::Normal);
}

} // namespace dbops
