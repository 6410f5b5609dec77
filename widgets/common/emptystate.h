#pragma once
// What an empty table says: a line in the middle of its viewport while its model has no rows ("No retention
// policy yet: Suggest from schema proposes some"), so an empty grid never reads as broken or still loading.
//
//   EmptyState::attach(view, tr("No backup in this folder yet"));
#include <QString>

class QAbstractItemView;
class QLabel;

namespace dbops {

namespace EmptyState {
// The label lives in the view's viewport and follows its model (set the model first); `text` may be changed
// later through the returned label.
QLabel *attach(QAbstractItemView *view, const QString &text);
} // namespace EmptyState

} // namespace dbops
