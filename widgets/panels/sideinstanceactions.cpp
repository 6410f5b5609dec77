// SideInstanceSection's actions on a side instance it started: compare with the live database, copy one table
// back, stop and remove. Copy-back and stop are asked with a typed confirmation (ConfirmDialog, as restore and
// cleanup ask).
#include "cleanup/confirmdialog.h"
#include "common/errorbanner.h"
#include "common/tableviews.h"
#include "core/format.h"
#include "item/tablecomparemodel.h"
#include "panels/sideinstancesection.h"
#include "worker/dbworker.h"

#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QTableView>

#include <spdlog/spdlog.h>

namespace dbops {

void SideInstanceSection::confirm(const ConfirmRequest &request, std::function<void()> go)
{
    if (m_confirm)
        return;
    // Over the compare window when the request comes from it: window-modal to what the operator looks at.
    QWidget *parent = m_compareWindow->isVisible() ? static_cast<QWidget *>(m_compareWindow) : window();
    auto *dialog = new ConfirmDialog(request, parent);
    dialog->setObjectName(QStringLiteral("sideConfirmDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_confirm = dialog;
    connect(dialog, &QDialog::accepted, this, std::move(go));
    dialog->open();
}

void SideInstanceSection::compareSelected()
{
    const Side *s = side(selectedSide());
    if (m_running || !s)
        return;
    const QString dir = s->result.dataDirectory;
    const quint64 id =
        m_worker->submit(QStringLiteral("compare side instance"), PitrJobs::compare(s->live, s->result.side), false);
    run(tr("Comparing %1 with the side instance on port %2").arg(s->live.display()).arg(s->result.port), id,
        [this, dir](const QVariant &v) {
            const CompareResult r = v.value<CompareResult>();
            m_comparedDir = dir;
            m_compare->setResult(r);
            TableViews::fitColumns(m_compareView, 0);
            m_compareNote->setText(r.differing() ? tr("%1 of %2 tables differ between the live database and the side "
                                                      "instance in %3. Select one to copy it back.")
                                                       .arg(r.differing())
                                                       .arg(r.tables.size())
                                                       .arg(QDir::toNativeSeparators(dir))
                                                 : tr("No table differs between the live database and the side "
                                                      "instance in %1.")
                                                       .arg(QDir::toNativeSeparators(dir)));
            m_compareWindow->show();
            m_compareWindow->raise();
        });
}

void SideInstanceSection::copyBackSelected()
{
    const QString table = selectedTable();
    const Side *s = side(m_comparedDir);
    if (m_running || table.isEmpty() || !s)
        return;
    if (m_readOnly) {
        m_banner->showError(Error::make(ErrorCode::Refused, tr("Incident mode: copying a table back is off"),
                                        tr("leave incident mode to copy it back")));
        return;
    }
    const TableDiff diff = m_compare->result().tables.value(m_compare->rowOf(table));
    ConfirmRequest request;
    request.title = tr("Copy %1 back into %2").arg(table, s->live.display());
    request.summary =
        tr("The rows of %1 in the live database (%2 now) are replaced by the side instance's (%3, as of %4). First "
           "a safety dump of the live table is written (pg_dump, into the backup folder); then, in ONE transaction, "
           "its rows are deleted and the side instance's copied in. Any error — a foreign key, a lock not granted "
           "within 5 s — rolls all of it back and leaves the table as it is.")
            .arg(table, Format::count(diff.live.rows), Format::count(diff.other.rows),
                 Format::moment(s->result.restoredTo));
    request.items = {tr("into: %1").arg(s->live.display()), tr("from: %1").arg(s->result.uri())};
    request.word = table;
    request.action = tr("Copy back");
    const Target live = s->live, sideTarget = s->result.side;
    const QString dir = m_comparedDir;
    confirm(request, [this, table, live, sideTarget, dir] {
        spdlog::warn("copy-back of {} into {} confirmed", table.toStdString(), live.display().toStdString());
        CopyBackRequest r;
        r.table = table;
        const quint64 id =
            m_worker->submit(QStringLiteral("copy back"), PitrJobs::copyBack(live, sideTarget, r), false);
        run(tr("Copying %1 back into %2").arg(table, live.display()), id, [this, dir](const QVariant &v) {
            const CopyBackResult c = v.value<CopyBackResult>();
            spdlog::info("copied {} back; safety dump {}", c.table.key().toStdString(), c.safetyDump.toStdString());
            TableViews::selectKey(m_listView, dir);
            compareSelected(); // the table is now the same on both sides: the compare shows it
            m_banner->showInfo(
                tr("Copied %1 back in one transaction: %2 rows before, %3 now; safety dump %4")
                    .arg(c.table.display(), Format::count(c.rowsNow), Format::count(c.rowsAfter), c.safetyDump));
        });
    });
}

void SideInstanceSection::stopSelected()
{
    const Side *s = side(selectedSide());
    if (m_running || !s)
        return;
    const QString dir = s->result.dataDirectory;
    ConfirmRequest request;
    request.title = tr("Stop and remove the side instance %1").arg(QFileInfo(dir).fileName());
    request.summary = tr("The side instance on 127.0.0.1:%1 is stopped (pg_ctl stop -m fast) and its data directory "
                         "is removed with everything in it. The live server is not touched. dbops removes only a "
                         "directory that holds its side-instance marker.")
                          .arg(s->result.port);
    request.items = {QDir::toNativeSeparators(dir)};
    request.word = QFileInfo(dir).fileName();
    request.action = tr("Stop and remove");
    confirm(request, [this, dir] {
        spdlog::warn("stop of the side instance {} confirmed", dir.toStdString());
        const quint64 id = m_worker->submit(QStringLiteral("stop side instance"), PitrJobs::stopSide(dir), false);
        run(tr("Stopping the side instance in %1").arg(QDir::toNativeSeparators(dir)), id,
            [this, dir](const QVariant &) {
                forget(dir);
                if (m_comparedDir == dir) {
                    m_comparedDir.clear();
                    m_compare->setResult({});
                    m_compareView->hide();
                    m_compareNote->hide();
                }
                m_result->hide();
                m_banner->showInfo(
                    tr("Stopped and removed the side instance in %1").arg(QDir::toNativeSeparators(dir)));
                showSides();
            });
    });
}

} // namespace dbops
