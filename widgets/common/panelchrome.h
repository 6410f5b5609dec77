#pragma once
// The pieces every panel's head is made of, so that all panels look alike: a bold title, a muted note line,
// and a Refresh button.
#include <QString>

class QLabel;
class QToolButton;
class QWidget;

namespace dbops::PanelChrome {

// A bold label, `scale` times the default font size.
QLabel *title(const QString &text, QWidget *parent, qreal scale = 1.15);
// A muted, selectable line of text (paths, explanations, "updated at"), wrapped at spaces when narrow.
QLabel *note(QWidget *parent, const QString &text = {});
// "Refresh"-style button with the theme's reload icon and its text beside it.
QToolButton *refreshButton(const QString &text, QWidget *parent);

} // namespace dbops::PanelChrome
