#pragma once
// A line chart over time drawn into a PNG with QPainter: what the console's history charts show, for places
// without widgets (the evidence bundle, from the CLI or a worker thread). Needs a QGuiApplication (fonts);
// the CLI runs it on the offscreen platform.
#include <QByteArray>
#include <QColor>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVector>

namespace dbops {

struct ChartSeries {
    QString name;
    QColor color;
    QVector<double> values; // one per ChartData::times entry
};

struct ChartData {
    QString title;  // drawn on top and stored as the PNG's "Title" text (so never a password or URL)
    QString yLabel; // "connections", "MiB"
    QDateTime from, to;
    QList<QDateTime> times;
    QList<bool> gapBefore; // a line breaks before this point (the console was closed); may be empty
    QList<ChartSeries> series;
    QString emptyText; // drawn when there are no points
};

class HistoryImage {
public:
    static constexpr int kWidth = 1200;
    static constexpr int kHeight = 500;
    static QByteArray png(const ChartData &chart);
};

} // namespace dbops
