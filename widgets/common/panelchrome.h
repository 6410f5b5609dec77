#pragma once
// The pieces every panel's head is made of, so that all panels look alike: a bold title, a muted note line,
// and a Refresh button.
#include <QString>

class QLabel;
class QScrollArea;
class QToolButton;
class QWidget;

namespace dbops::PanelChrome {

// A bold label, `scale` times the default font size.
QLabel *title(const QString &text, QWidget *parent, qreal scale = 1.15);
// A muted, selectable line of text (paths, explanations, "updated at"), wrapped at spaces when narrow.
QLabel *note(QWidget *parent, const QString &text = {});
// A frameless, vertically scrolling area around `body`: the part of a panel under its fixed header, so that the
// panel's content never sets a window taller than a 1280x800 screen (it scrolls there instead).
QScrollArea *scrollingBody(QWidget *body, QWidget *parent, const QString &objectName);
// "Refresh"-style button with the theme's reload icon and its text beside it.
QToolButton *refreshButton(const QString &text, QWidget *parent);

} // namespace dbops::PanelChrome
