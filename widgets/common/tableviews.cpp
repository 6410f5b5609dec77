#include "common/tableviews.h"

#include "common/severitydelegate.h"
#include "item/itemroles.h"

#include <QHeaderView>

namespace dbops::TableViews {

QTableView *create(QAbstractItemModel *source, QWidget *parent, const QString &objectName)
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
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QSortFilterProxyModel *proxy(QTableView *view) { return qobject_cast<QSortFilterProxyModel *>(view->model()); }

} // namespace dbops::TableViews
