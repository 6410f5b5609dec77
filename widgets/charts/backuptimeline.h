#pragma once
// Every restore point of a store on one time axis (QCustomPlot), in the operator's time zone:
//  - dbops's own backups and the bot's own copies as points, one row each, coloured by state (verified,
//    unverified, failed);
//  - the Litestream replica's restorable window as a band across the plot (one per generation);
//  - the live store's newest write as a vertical line;
//  - for a PostgreSQL server with a pgBackRest stanza, its backups on a row of their own (full, differential and
//    incremental drawn apart; a tooltip with label, type and size) and its point-in-time window as a band.
// The legend sits under the plot. A click on a point asks for that backup's restore preview (backupClicked); a
// click inside the band asks for the store as it was at that moment (momentClicked); a click inside the
// point-in-time window asks for a side instance restored to that second (pitrMomentClicked). Drag and wheel move and
// zoom along time; a double click shows everything again. The widget only draws what it is given.
#include "ops/backupcatalog.h"
#include "ops/replicajobs.h"
#include "pitr/pitrjobs.h"

#include <QDateTime>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QMouseEvent;

namespace dbops {

class BackupTimeline : public QWidget {
    Q_OBJECT
public:
    explicit BackupTimeline(QWidget *parent = nullptr);

    void setBackups(const QList<CatalogEntry> &entries);
    // The replica's window (when the reading has one) and the store's newest write.
    void setReplica(const ReplicaReading &reading);
    // The pgBackRest stanza's backups and restorable window (a reading without a stanza clears them).
    void setPitr(const PitrReading &reading);

    QCustomPlot *plot() const { return m_plot; }
    int pointCount() const { return int(m_points.size()); }
    int bandCount() const { return int(m_bands.size()); }
    int pitrPointCount() const { return int(m_pitrPoints.size()); }
    bool hasPitrWindow() const { return m_pitrWindow.to > m_pitrWindow.from; }
    // The pgBackRest backup `label`'s point in plot pixels; (-1, -1) when it is not drawn.
    QPoint pitrPointOf(const QString &label) const;
    // Where `at` lies in the PITR window (plot pixels); (-1, -1) outside it.
    QPoint pitrWindowPointOf(const QDateTime &at) const;
    // The moment inside the PITR window a click at `pos` picks (whole seconds, UTC); invalid outside it.
    QDateTime pitrMomentAt(const QPoint &pos) const;
    // What the tooltip says at `pos` (plot pixels): a backup, a moment of a window, or nothing.
    QString toolTipAt(const QPoint &pos) const;
    // The scatter shape a pgBackRest backup of `type` is drawn with (full, diff, incr differ).
    int pitrShape(const QString &type) const;
    QDateTime lastWrite() const { return m_lastWrite; }
    QString note() const;
    // Where the point of the backup at `path` is drawn, in the plot's pixels; (-1, -1) when it is not.
    QPoint pointOf(const QString &path) const;
    // Where the moment `at` lies inside the band, in the plot's pixels (middle height); (-1, -1) outside it.
    QPoint bandPointOf(const QDateTime &at) const;
    // What a click at `pos` (plot pixels) picks: the backup whose point is within reach, else nothing.
    QString backupAt(const QPoint &pos) const;
    // The moment inside the replica's window a click at `pos` picks (whole seconds, UTC); invalid outside it.
    QDateTime momentAt(const QPoint &pos) const;
    bool exportPng(const QString &path, int width = 0, int height = 0);

Q_SIGNALS:
    void backupClicked(const QString &path);
    void momentClicked(const QDateTime &at);
    void pitrMomentClicked(const QDateTime &at);

private:
    struct Point {
        double key = 0; // seconds since the epoch
        double row = 0;
        QString path;
        QString tip;
    };
    struct Band {
        double from = 0;
        double to = 0;
    };
    void rebuild();
    void addPitrGraphs(); // backuptimelinepitr.cpp, with the rest of pgBackRest's part
    QString pitrTipAt(const QPoint &pos) const;
    void fitRange();
    void onMouseMove(QMouseEvent *event);
    void onRelease(QMouseEvent *event);
    // The band's pixel extent: at least a few pixels wide, so a window of seconds over days stays clickable.
    QPair<double, double> bandPixels(const Band &band) const;

    QCustomPlot *m_plot;
    QList<QCPGraph *> m_stateGraphs; // verified, unverified, failed, proven
    QCPGraph *m_band;
    QCPGraph *m_lastWriteLine;
    QList<QCPGraph *> m_pitrGraphs; // full, diff, incr
    QCPGraph *m_pitrBand;
    QList<Point> m_pitrPoints; // path: the backup's label
    Band m_pitrWindow;
    QString m_stanza;
    double m_top; // the rows' extent: one more row with pgBackRest backups
    QList<Point> m_points;
    QList<Band> m_bands;
    QDateTime m_lastWrite;
    QString m_replicaPath;
    QPoint m_pressedAt;
};

} // namespace dbops
