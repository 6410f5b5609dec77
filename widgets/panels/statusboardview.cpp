#include "panels/statusboardview.h"

#include "common/severitydelegate.h"
#include "common/statusdot.h"
#include "item/itemroles.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace dbops {

namespace {

QString concernName(const QString &key)
{
    if (key == QLatin1String("connections"))
        return StatusBoardView::tr("Connections");
    if (key == QLatin1String("queries"))
        return StatusBoardView::tr("Slow or blocked now");
    if (key == QLatin1String("writer"))
        return StatusBoardView::tr("Writer and lock files");
    if (key == QLatin1String("wal"))
        return StatusBoardView::tr("WAL and checkpoints");
    if (key == QLatin1String("health"))
        return StatusBoardView::tr("Table health");
    if (key == QLatin1String("migrations"))
        return StatusBoardView::tr("Migrations");
    if (key == QLatin1String("backup"))
        return StatusBoardView::tr("Newest verified backup");
    if (key == QLatin1String("restore_drill"))
        return StatusBoardView::tr("Last proven restore");
    if (key == QLatin1String("protection"))
        return StatusBoardView::tr("Continuous protection");
    if (key == QLatin1String("store_disk"))
        return StatusBoardView::tr("Disk space (store)");
    if (key == QLatin1String("backup_disk"))
        return StatusBoardView::tr("Disk space (backups)");
    if (key == QLatin1String("schedules"))
        return StatusBoardView::tr("Scheduled jobs");
    return key;
}

QString stateText(CheckState state)
{
    switch (state) {
    case CheckState::Ok: return StatusBoardView::tr("OK");
    case CheckState::Neutral: return StatusBoardView::tr("Not set up");
    case CheckState::Unknown: return StatusBoardView::tr("Unknown");
    case CheckState::Warning: return StatusBoardView::tr("Warning");
    case CheckState::Critical: return StatusBoardView::tr("Critical");
    }
    return {};
}

} // namespace

// The board's rows. Meaning only (ItemRole::SeverityRole); the dot's colour comes from the view's palette.
class StatusBoardModel : public QAbstractTableModel {
public:
    enum Column { StateColumn, ConcernColumn, ReasonColumn, ColumnCount };
    static constexpr int PanelRole = Qt::UserRole + 60;

    using QAbstractTableModel::QAbstractTableModel;

    void setBoard(const StatusBoard &board)
    {
        beginResetModel();
        m_board = board;
        endResetModel();
    }
    const StatusBoard &board() const { return m_board; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_board.checks.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case StateColumn: return StatusBoardView::tr("State");
        case ConcernColumn: return StatusBoardView::tr("Concern");
        case ReasonColumn: return StatusBoardView::tr("Reason (click a row for the tab that explains it)");
        }
        return {};
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid))
            return {};
        const StatusCheck &c = m_board.checks.at(index.row());
        const Severity severity = StatusCheck::severity(c.state);
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == StateColumn     ? stateText(c.state)
                   : index.column() == ConcernColumn ? concernName(c.name)
                                                     : c.reason;
        case Qt::ToolTipRole: return c.reason;
        case Qt::DecorationRole:
            return index.column() == StateColumn ? StatusDot::icon(severity, m_palette, 12) : QVariant();
        case ItemRole::SeverityRole: return index.column() == StateColumn ? QVariant(int(severity)) : QVariant();
        case PanelRole: return c.panel;
        }
        return {};
    }

    void setPalette(const QPalette &palette) { m_palette = palette; }

private:
    StatusBoard m_board;
    QPalette m_palette;
};

StatusBoardView::StatusBoardView(QWidget *parent)
    : QWidget(parent), m_model(new StatusBoardModel(this)), m_view(new QTableView(this)), m_verdict(new QLabel(this))
{
    setObjectName(QStringLiteral("statusBoard"));
    m_model->setPalette(palette());
    m_verdict->setObjectName(QStringLiteral("statusVerdict"));
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setWordWrap(true); // a long "cannot be read" reason must not widen the whole page
    m_view->setObjectName(QStringLiteral("statusBoardRows"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setCursor(Qt::PointingHandCursor);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(StatusBoardModel::StateColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StatusBoardModel::ConcernColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StatusBoardModel::ReasonColumn, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_verdict);
    layout->addWidget(m_view);
    // A click and Enter both open the explaining tab (activated alone depends on the style's click rule).
    connect(m_view, &QTableView::clicked, this, &StatusBoardView::onActivated);
    connect(m_view, &QTableView::activated, this, &StatusBoardView::onActivated);
    clear();
}

void StatusBoardView::setBoard(const StatusBoard &board)
{
    m_model->setBoard(board);
    if (board.error)
        m_verdict->setText(tr("Status: cannot be read — %1").arg(board.error.oneLine()));
    else
        m_verdict->setText(tr("Status: %1").arg(stateText(board.worst())));
    QPalette p = palette();
    p.setColor(
        QPalette::WindowText,
        SeverityDelegate::color(board.error ? Severity::Critical : StatusCheck::severity(board.worst()), palette()));
    m_verdict->setPalette(p);
    QFont f = m_verdict->font();
    f.setBold(true);
    m_verdict->setFont(f);
    fitHeight();
}

void StatusBoardView::setReading()
{
    if (m_model->rowCount() == 0)
        m_verdict->setText(tr("Status: reading…"));
}

void StatusBoardView::clear()
{
    m_model->setBoard({});
    m_verdict->setText(tr("Status: reading…"));
    m_verdict->setPalette(palette());
    fitHeight();
}

const StatusBoard &StatusBoardView::board() const { return m_model->board(); }

void StatusBoardView::onActivated(const QModelIndex &index)
{
    const QString panel = index.data(StatusBoardModel::PanelRole).toString();
    if (!panel.isEmpty())
        Q_EMIT panelRequested(panel);
}

// Every row shows without scrolling: the board is a verdict, not a list to browse.
void StatusBoardView::fitHeight()
{
    const int rows = std::max(1, m_model->rowCount());
    const int height = m_view->horizontalHeader()->sizeHint().height() +
                       rows * m_view->verticalHeader()->defaultSectionSize() + 2 * m_view->frameWidth();
    m_view->setFixedHeight(height);
}

} // namespace dbops
