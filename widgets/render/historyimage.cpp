#include "historyimage.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dbops {

namespace {

constexpr int kLeft = 70, kRight = 190, kTop = 50, kBottom = 50;

struct Frame {
    QRect plot;
    qint64 from = 0, to = 1; // ms since the epoch
    double yMax = 1;
    QPointF at(qint64 ms, double v) const
    {
        const double x = plot.left() + plot.width() * double(ms - from) / double(std::max<qint64>(to - from, 1));
        const double y = plot.bottom() - plot.height() * v / yMax;
        return {x, y};
    }
};

double niceMax(double v)
{
    if (v <= 0)
        return 1;
    const double step = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * step)
            return m * step;
    return 10 * step;
}

void drawAxes(QPainter &p, const Frame &f, const ChartData &c)
{
    p.setPen(QColor(0xcc, 0xcc, 0xcc));
    for (int i = 0; i <= 4; ++i) {
        const int y = f.plot.bottom() - f.plot.height() * i / 4;
        p.drawLine(f.plot.left(), y, f.plot.right(), y);
        p.setPen(Qt::black);
        p.drawText(QRect(0, y - 10, kLeft - 8, 20), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(f.yMax * i / 4, 'g', 4));
        p.setPen(QColor(0xcc, 0xcc, 0xcc));
    }
    p.setPen(Qt::black);
    p.drawRect(f.plot);
    for (int i = 0; i <= 6; ++i) {
        const qint64 ms = f.from + (f.to - f.from) * i / 6;
        const int x = f.plot.left() + f.plot.width() * i / 6;
        p.drawText(QRect(x - 40, f.plot.bottom() + 6, 80, 20), Qt::AlignCenter,
                   QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm")));
    }
    p.drawText(QRect(0, f.plot.bottom() + 26, f.plot.right(), 20), Qt::AlignCenter,
               QStringLiteral("UTC, %1 to %2").arg(c.from.toString(Qt::ISODate), c.to.toString(Qt::ISODate)));
    p.save();
    p.translate(14, f.plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-150, -10, 300, 20), Qt::AlignCenter, c.yLabel);
    p.restore();
}

void drawSeries(QPainter &p, const Frame &f, const ChartData &c)
{
    for (int s = 0; s < c.series.size(); ++s) {
        const ChartSeries &series = c.series.at(s);
        QPainterPath path;
        for (int i = 0; i < c.times.size() && i < series.values.size(); ++i) {
            const QPointF pt = f.at(c.times.at(i).toMSecsSinceEpoch(), series.values.at(i));
            const bool gap = i < c.gapBefore.size() && c.gapBefore.at(i);
            if (i == 0 || gap)
                path.moveTo(pt);
            else
                path.lineTo(pt);
        }
        p.setPen(QPen(series.color, 2));
        p.drawPath(path);
        const int y = f.plot.top() + 8 + s * 22;
        p.fillRect(QRect(f.plot.right() + 14, y + 4, 14, 10), series.color);
        p.setPen(Qt::black);
        p.drawText(QRect(f.plot.right() + 34, y, kRight - 40, 20), Qt::AlignLeft | Qt::AlignVCenter, series.name);
    }
}

} // namespace

QByteArray HistoryImage::png(const ChartData &c)
{
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        QFont title = p.font();
        title.setBold(true);
        title.setPointSizeF(title.pointSizeF() * 1.2);
        p.setFont(title);
        p.drawText(QRect(0, 8, kWidth, 30), Qt::AlignCenter, c.title);
        p.setFont(QFont());
        Frame f;
        f.plot = QRect(kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom - 20);
        f.from = c.from.toMSecsSinceEpoch();
        f.to = c.to.toMSecsSinceEpoch();
        double top = 0;
        for (const ChartSeries &s : c.series)
            for (double v : s.values)
                top = std::max(top, v);
        f.yMax = niceMax(top);
        drawAxes(p, f, c);
        if (c.times.isEmpty())
            p.drawText(f.plot, Qt::AlignCenter | Qt::TextWordWrap, c.emptyText);
        else
            drawSeries(p, f, c);
    }
    // Only fixed words in the text chunks: a chart title never carries a target's URL.
    image.setText(QStringLiteral("Title"), c.title);
    image.setText(QStringLiteral("Software"), QStringLiteral("dbops " DBOPS_VERSION));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace dbops
