#pragma once
// The Stores panel's rows: what StoreDiscovery found under a data directory.
#include "connection/storediscovery.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace dbops {

class DiscoveryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KindColumn, PathColumn, SizeColumn, AgeColumn, LockColumn, VersionColumn, NoteColumn, ColumnCount };

    explicit DiscoveryModel(QObject *parent = nullptr);

    // `now` anchors the "age" column, so the same scan always reads the same.
    void setItems(const QList<DiscoveredItem> &items, const QDateTime &now = QDateTime::currentDateTimeUtc());
    const QList<DiscoveredItem> &items() const { return m_items; }
    const DiscoveredItem &item(int row) const { return m_items.at(row); }

    static QString kindLabel(DiscoveredItem::Kind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString display(const DiscoveredItem &item, int column) const;
    QString note(const DiscoveredItem &item) const;

    QList<DiscoveredItem> m_items;
    QDateTime m_now;
};

} // namespace dbops
