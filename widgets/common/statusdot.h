#pragma once
// A small filled circle in a state's colour: the status bar's connection state, the status board's rows and
// the sidebar's per-profile verdict all draw the same dot.
#include "core/severity.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>

class QPalette;

namespace dbops::StatusDot {

QPixmap pixmap(const QColor &color, int size, qreal devicePixelRatio);
// The dot for a severity (colours from SeverityDelegate), `size` pixels across.
QIcon icon(Severity severity, const QPalette &palette, int size);

} // namespace dbops::StatusDot
