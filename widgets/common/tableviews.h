#pragma once
// One look for every table in the console: row selection, sortable by meaning (ItemRole::SortRole),
// severity colours, no grid, compact rows. Columns fit their content (the column that names a row is never
// cut; a limited one stops at its limit) and one column, the widest text, takes the width left, elided with its
// full text in a tooltip. A
// selected row stays selected by what names it (ItemRole::KeyRole) when a live list refreshes or reorders.
#include <QSortFilterProxyModel>
#include <QTableView>

namespace dbops {

namespace TableViews {
inline constexpr int kLastColumn = -1;

// A read-only table view over `source` (sorted through a proxy owned by the view); `stretchColumn` (a source
// column; kLastColumn: the last one) takes the width the others leave.
QTableView *create(QAbstractItemModel *source, QWidget *parent, const QString &objectName,
                   int stretchColumn = kLastColumn);
// The proxy create() put between the view and its model.
QSortFilterProxyModel *proxy(QTableView *view);

// Every column as wide as its header and content, `stretchColumn` the rest; create() calls it, views made
// otherwise call it themselves. Called again, it moves the stretch to another column.
void fitColumns(QTableView *view, int stretchColumn = kLastColumn);

// `column` (a source column) at most `maxChars` average characters wide, however long its texts: longer ones are
// elided, their full text in the cell's tooltip (the model's). For free text that would squeeze the stretch column.
void limitColumn(QTableView *view, int column, int maxChars);

// The source row of the selected row (through create()'s proxy, if any); -1 when nothing is selected.
int selectedSourceRow(const QTableView *view);
// The ItemRole::KeyRole of the selected row; invalid when nothing is selected.
QVariant selectedKey(const QTableView *view);
// Selects the row whose ItemRole::KeyRole is `key`; false (and nothing selected) when no row has it.
bool selectKey(QTableView *view, const QVariant &key);
} // namespace TableViews

} // namespace dbops
