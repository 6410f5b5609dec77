#include "common/statusdot.h"

#include "common/severitydelegate.h"

#include <QPainter>

namespace dbops::StatusDot {

QPixmap pixmap(const QColor &color, int size, qreal devicePixelRatio)
{
    QPixmap pm(QSize(size, size) * devicePixelRatio);
    pm.setDevicePixelRatio(devicePixelRatio);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(130));
    p.setBrush(color);
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pm;
}

QIcon icon(Severity severity, const QPalette &palette, int size)
{
    return QIcon(pixmap(SeverityDelegate::color(severity, palette), size, 2.0));
}

} // namespace dbops::StatusDot
