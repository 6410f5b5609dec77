#include "common/tableviews.h"

#include "common/severitydelegate.h"
#include "item/itemroles.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QVariantMap>
#include <algorithm>

namespace dbops::TableViews {

namespace {

// Keeps a view's selection on the row the operator chose, by its ItemRole::KeyRole: a refresh resets or
// reorders the model, and without this the selection is lost or lands on whatever row took the old index.
class SelectionKeeper : public QObject {
public:
    explicit SelectionKeeper(QTableView *view) : QObject(view), m_view(view)
    {
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
            if (!m_restoring)
                m_key = selectedKey(m_view);
        });
        QAbstractItemModel *model = view->model();
        connect(model, &QAbstractItemModel::modelReset, this, &SelectionKeeper::restore);
        connect(model, &QAbstractItemModel::layoutChanged, this, &SelectionKeeper::restore);
        connect(model, &QAbstractItemModel::rowsInserted, this, &SelectionKeeper::restore);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &SelectionKeeper::restore);
        connect(model, &QAbstractItemModel::dataChanged, this, &SelectionKeeper::restore);
    }

private:
    void restore()
    {
        if (!m_key.isValid() || selectedKey(m_view) == m_key)
            return;
        m_restoring = true;
        const bool found = selectKey(m_view, m_key);
        m_restoring = false;
        if (!found)
            m_key = {}; // the row is gone: nothing stays selected, so no action hits another row
    }

    QTableView *m_view;
    QVariant m_key;
    bool m_restoring = false;
};

} // namespace

QTableView *create(QAbstractItemModel *source, QWidget *parent, const QString &objectName, int stretchColumn)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    auto *sorter = new QSortFilterProxyModel(view);
    sorter->setSortRole(ItemRole::SortRole);
    sorter->setSourceModel(source);
    view->setModel(sorter);
    view->setItemDelegate(new SeverityDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // keep the model's own order until the operator sorts
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    fitColumns(view, stretchColumn);
    new SelectionKeeper(view);
    return view;
}

QSortFilterProxyModel *proxy(QTableView *view) { return qobject_cast<QSortFilterProxyModel *>(view->model()); }

namespace {

const char *const kLimits = "dbopsLimitedColumns"; // column → widest width in pixels

// The limited columns as wide as their content up to their limit (sized by hand: ResizeToContents has no limit).
void fitLimited(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    const QVariantMap limits = header->property(kLimits).toMap();
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        const int column = it.key().toInt();
        if (column >= header->count())
            continue;
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        // (QTableView makes its override protected; the base's is public and dispatches to it.)
        const int wanted = std::max(header->sectionSizeHint(column),
                                    static_cast<const QAbstractItemView *>(view)->sizeHintForColumn(column));
        header->resizeSection(column, std::min(wanted, it.value().toInt()));
    }
}

} // namespace

void limitColumn(QTableView *view, int column, int maxChars)
{
    QHeaderView *header = view->horizontalHeader();
    QVariantMap limits = header->property(kLimits).toMap();
    const bool first = limits.isEmpty();
    limits.insert(QString::number(column), maxChars * view->fontMetrics().averageCharWidth());
    header->setProperty(kLimits, limits);
    fitLimited(view);
    if (!first)
        return;
    QAbstractItemModel *model = view->model();
    const auto refit = [view] { fitLimited(view); };
    QObject::connect(model, &QAbstractItemModel::modelReset, header, refit);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, header, refit);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, header, refit);
    QObject::connect(model, &QAbstractItemModel::dataChanged, header, refit);
}

void fitColumns(QTableView *view, int stretchColumn)
{
    static const char *const kStretch = "dbopsStretchColumn";
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    const bool fitted = header->property(kStretch).isValid();
    header->setProperty(kStretch, stretchColumn);
    const auto apply = [view, header] {
        header->setSectionResizeMode(QHeaderView::ResizeToContents); // also the mode of sections added later
        const int wanted = header->property(kStretch).toInt();
        const int column = wanted == kLastColumn ? header->count() - 1 : wanted;
        if (column >= 0 && column < header->count())
            header->setSectionResizeMode(column, QHeaderView::Stretch);
        fitLimited(view);
    };
    apply();
    // Again whenever the model's columns come or go (a QStandardItemModel given its headers late); once.
    if (!fitted)
        QObject::connect(header, &QHeaderView::sectionCountChanged, header, apply);
}

int selectedSourceRow(const QTableView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    const QModelIndexList rows = selection ? selection->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return -1;
    const auto *sorter = qobject_cast<const QSortFilterProxyModel *>(view->model());
    return sorter ? sorter->mapToSource(rows.first()).row() : rows.first().row();
}

QVariant selectedKey(const QTableView *view)
{
    const QItemSelectionModel *selection = view->selectionModel();
    const QModelIndexList rows = selection ? selection->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QVariant() : rows.first().data(ItemRole::KeyRole);
}

bool selectKey(QTableView *view, const QVariant &key)
{
    const QAbstractItemModel *model = view->model();
    QItemSelectionModel *selection = view->selectionModel();
    if (!model || !selection)
        return false;
    for (int row = 0; key.isValid() && row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ItemRole::KeyRole) == key) {
            selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return true;
        }
    }
    selection->clearSelection();
    return false;
}

} // namespace dbops::TableViews
