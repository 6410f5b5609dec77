#pragma once
// The console's keyboard, set up in one place:
//  - Tab leaves a table or list (moves the focus on) instead of walking its cells, in every window, for views
//    made later too;
//  - buttons and check boxes without a mnemonic get one (Alt+letter), unique among the widgets visible
//    together (pages of a tab or stack are apart), never one the menu bar already uses.
class QString;
class QWidget;

namespace dbops::Keyboard {
// Idempotent: an application-wide hook that applies to every item view when it is first shown.
void tabLeavesViews();
// Gives mnemonics under `root`; `taken`: letters already used (lower case), e.g. the menu bar's.
void assignMnemonics(QWidget *root, const QString &taken);
// The letters (lower case) the menus of `window`'s menu bar answer to.
QString menuBarMnemonics(QWidget *window);
} // namespace dbops::Keyboard
