#include "common/tableviews.h"

#include "common/severitydelegate.h"
#include "item/itemroles.h"

#include <QHeaderView>
#include <QItemSelectionModel>

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

void fitColumns(QTableView *view, int stretchColumn)
{
    static const char *const kStretch = "dbopsStretchColumn";
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    const bool fitted = header->property(kStretch).isValid();
    header->setProperty(kStretch, stretchColumn);
    const auto apply = [header] {
        header->setSectionResizeMode(QHeaderView::ResizeToContents); // also the mode of sections added later
        const int wanted = header->property(kStretch).toInt();
        const int column = wanted == kLastColumn ? header->count() - 1 : wanted;
        if (column >= 0 && column < header->count())
            header->setSectionResizeMode(column, QHeaderView::Stretch);
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
