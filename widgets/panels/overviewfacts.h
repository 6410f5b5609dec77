#pragma once
// The overview's key/value sheet: engine, version, size, tables, journal mode and WAL, connections, uptime.
// Rows that do not apply to the engine are hidden. Value labels are named "fact_<key>" for tests.
#include "probe/overview.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace dbops {

class OverviewFacts : public QWidget {
    Q_OBJECT
public:
    explicit OverviewFacts(QWidget *parent = nullptr);
    void setOverview(const Overview &overview);
    void clear();
    QString value(const QString &key) const;

private:
    void addRow(const QString &key, const QString &label);
    void set(const QString &key, const QString &text, bool visible = true);

    QFormLayout *m_form;
    QHash<QString, QLabel *> m_values;
};

} // namespace dbops
