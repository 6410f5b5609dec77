#pragma once
// The Environment panel's rows: each detected setting, its (redacted) value and where it came from.
#include "connection/envdetector.h"

#include <QAbstractTableModel>

namespace dbops {

class OriginModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SettingColumn, ValueColumn, SourceColumn, ColumnCount };

    explicit OriginModel(QObject *parent = nullptr);
    void setOrigins(const QList<SettingOrigin> &origins);
    const QList<SettingOrigin> &origins() const { return m_origins; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SettingOrigin> m_origins;
};

} // namespace dbops
