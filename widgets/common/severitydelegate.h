#pragma once
// Paints a row's text by its meaning (ItemRole::SeverityRole): the one place a severity becomes a colour.
// A cell its column cuts shows its whole text as a tooltip when the model has none of its own.
#include "item/itemroles.h"

#include <QColor>
#include <QPalette>
#include <QStyledItemDelegate>

namespace dbops {

class SeverityDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    // The colour of text with `severity` on `palette` (Normal: the palette's own text colour).
    static QColor color(Severity severity, const QPalette &palette);

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace dbops
