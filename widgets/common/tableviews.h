#pragma once
// One look for every table in the console: row selection, sortable by meaning (ItemRole::SortRole),
// severity colours, no grid, compact rows.
#include <QSortFilterProxyModel>
#include <QTableView>

namespace dbops {

namespace TableViews {
// A read-only table view over `source` (sorted through a proxy owned by the view).
QTableView *create(QAbstractItemModel *source, QWidget *parent, const QString &objectName);
// The proxy create() put between the view and its model.
QSortFilterProxyModel *proxy(QTableView *view);
} // namespace TableViews

} // namespace dbops
