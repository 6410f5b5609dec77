#pragma once
// Health tab › Replication (PostgreSQL only): WAL archiving (mode, last archived WAL and its age, failures,
// segments waiting, judged ok / lagging / failing as the health findings judge it), the connected standbys, the
// replication slots (a slot nobody reads that keeps WAL highlighted, with what to do about it) and, on a
// standby, its own replay lag. Fed from the health scan's report (HealthReport::replication): no query of its own.
#include "core/severity.h"

#include <QWidget>

class QBoxLayout;
class QLabel;
class QTableView;

namespace dbops {

struct HealthReport;
struct PgArchiveState;
struct PgReplicationState;
class ReplicationSlotsModel;
class StandbysModel;

class ReplicationSection : public QWidget {
    Q_OBJECT
public:
    explicit ReplicationSection(QWidget *parent = nullptr);
    // Shows the report's replication state; hidden for a report without one (SQLite), unless a PostgreSQL
    // scan could not read it — then it says why.
    void setReport(const HealthReport &report);

    // How archiving stands: Critical failing, Warning lagging, Good ok, Quiet off (colour of the state line).
    Severity archiveSeverity() const { return m_archiveSeverity; }
    StandbysModel *standbysModel() const { return m_standbys; }
    ReplicationSlotsModel *slotsModel() const { return m_slots; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrange();
    void showArchive(const PgArchiveState &archive);
    void showSelf(const PgReplicationState &state);
    QString archiveDetails(const PgArchiveState &archive) const;

    QLabel *m_archiveState;
    QLabel *m_archiveDetails;
    QLabel *m_self;
    QLabel *m_error;
    QWidget *m_body; // everything read from the state: hidden when it could not be read
    StandbysModel *m_standbys;
    ReplicationSlotsModel *m_slots;
    QTableView *m_standbysView;
    QTableView *m_slotsView;
    QLabel *m_standbysEmpty;
    QLabel *m_slotsEmpty;
    QBoxLayout *m_lists; // the two lists: side by side, or one above the other when they would not fit
    Severity m_archiveSeverity = Severity::Quiet;
};

} // namespace dbops
