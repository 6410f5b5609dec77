#include "cleanup/lockssection.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "maintenance/maintenancejobs.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

namespace dbops {

LocksSection::LocksSection(DbWorker *ops, QWidget *parent)
    : CleanupSection(ops, parent), m_scanButton(new QPushButton(tr("Scan"), this)),
      m_removeButton(new QPushButton(tr("Remove stale…"), this)), m_model(new QStandardItemModel(this)),
      m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("locksSection"));
    body()->addWidget(
        PanelChrome::note(this, tr("Lock files (*.lock holding a PID, e.g. .writer.lock). Only stale ones — their "
                                   "process is gone — can be removed; a lock whose process runs is never touched.")));
    auto *buttons = new QHBoxLayout;
    m_scanButton->setObjectName(QStringLiteral("locksScan"));
    m_removeButton->setObjectName(QStringLiteral("locksRemove"));
    buttons->addWidget(m_scanButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    body()->addLayout(buttons);
    m_model->setHorizontalHeaderLabels({tr("State"), tr("PID"), tr("Lock file"), tr("Modified")});
    m_table->setObjectName(QStringLiteral("locksTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    TableViews::fitColumns(m_table, 2); // the lock file's path takes the rest
    body()->addWidget(m_table, 1);
    connect(m_scanButton, &QPushButton::clicked, this, &LocksSection::scan);
    connect(m_removeButton, &QPushButton::clicked, this, &LocksSection::removeConfirmed);
    updateButtons();
}

void LocksSection::setTarget(const Target &target, const SessionOptions &options)
{
    m_scan.reset();
    m_model->removeRows(0, m_model->rowCount());
    CleanupSection::setTarget(target, options);
    if (target.isPostgres())
        banner()->showInfo(tr("PostgreSQL targets have no lock files: see Leaked sessions."));
}

void LocksSection::updateButtons()
{
    const bool files = target().isSqlite();
    m_scanButton->setEnabled(files && !isBusy());
    m_removeButton->setEnabled(files && !isBusy() && !isReadOnly() && m_scan && m_scan->staleCount() > 0);
}

void LocksSection::scan()
{
    const Target t = target();
    runJob(
        tr("scan lock files"), StaleLockJobs::scan(t), [this](const QVariant &v) { showScan(v.value<LockScan>()); },
        false);
}

void LocksSection::showScan(const LockScan &scan)
{
    m_scan = scan;
    m_model->removeRows(0, m_model->rowCount());
    for (const LockFileInfo &l : scan.locks) {
        QList<QStandardItem *> row{new QStandardItem(l.stateName()),
                                   new QStandardItem(l.pid > 0 ? QString::number(l.pid) : QStringLiteral("—")),
                                   new QStandardItem(l.relativePath), new QStandardItem(Format::moment(l.modified))};
        row.first()->setToolTip(l.note);
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    showResult(tr("%1 lock file(s) in %2; %3 stale").arg(scan.locks.size()).arg(scan.directory).arg(scan.staleCount()),
               scan.staleCount() == 0);
    updateButtons();
}

void LocksSection::removeConfirmed()
{
    if (!m_scan || m_scan->staleCount() == 0 || isReadOnly())
        return;
    const LockScan scan = m_scan.value();
    ConfirmRequest r;
    for (const LockFileInfo &l : scan.locks)
        if (l.stale())
            r.items << tr("%1 (pid %2, gone)").arg(l.relativePath).arg(l.pid);
    r.title = tr("Remove %1 stale lock file(s)").arg(r.items.size());
    r.summary = tr("Each file is read again right before it is removed: if a process took the lock "
                   "meanwhile, or its PID is alive, it stays. Recorded in the audit trail.");
    r.word = QStringLiteral("remove");
    r.action = tr("Remove");
    confirm(r, [this, scan] {
        runJob(
            tr("remove stale locks"), StaleLockJobs::removeStale(scan),
            [this](const QVariant &v) {
                const QList<LockRemoval> removals = v.value<QList<LockRemoval>>();
                QStringList problems;
                int removed = 0;
                for (const LockRemoval &r : removals) {
                    if (r.error)
                        problems << r.error.oneLine();
                    else
                        ++removed;
                }
                const QString line = tr("Removed %1 stale lock file(s)").arg(removed);
                LockScan now = m_scan.value_or(LockScan{});
                for (const LockRemoval &r : removals)
                    if (!r.error)
                        now.locks.erase(std::remove_if(now.locks.begin(), now.locks.end(),
                                                       [&](const LockFileInfo &l) { return l.path == r.path; }),
                                        now.locks.end());
                showScan(now);
                Q_EMIT succeeded(line);
                showResult(problems.isEmpty() ? line : line + tr("; kept: ") + problems.join(QStringLiteral("; ")),
                           problems.isEmpty());
            },
            true);
    });
}

} // namespace dbops
