#include "common/severitydelegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace dbops {

QColor SeverityDelegate::color(Severity severity, const QPalette &palette)
{
    switch (severity) {
    case Severity::Quiet: return palette.color(QPalette::PlaceholderText);
    case Severity::Normal: return palette.color(QPalette::Text);
    case Severity::Good: return QColor(0x2e, 0x7d, 0x32);
    case Severity::Warning: return QColor(0xb2, 0x6a, 0x00);
    case Severity::Critical: return QColor(0xc6, 0x28, 0x28);
    }
    return palette.color(QPalette::Text);
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant severity = index.data(ItemRole::SeverityRole);
    if (!severity.isValid())
        return;
    const QColor c = color(Severity(severity.toInt()), option->palette);
    option->palette.setColor(QPalette::Text, c);
    option->palette.setColor(QPalette::HighlightedText, option->palette.color(QPalette::HighlightedText));
}

bool SeverityDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && index.isValid() &&
        index.data(Qt::ToolTipRole).toString().isEmpty()) {
        const QString text = index.data(Qt::DisplayRole).toString();
        if (!text.isEmpty() && sizeHint(option, index).width() > option.rect.width()) {
            QToolTip::showText(event->globalPos(), text, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace dbops
