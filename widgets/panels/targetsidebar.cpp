#include "panels/targetsidebar.h"

#include "alert/alertjobs.h"
#include "common/panelchrome.h"

#include "common/severitydelegate.h"
#include "common/statusdot.h"

#include "item/itemroles.h"
#include "item/profilelistmodel.h"
#include "session/targetsession.h"
#include "worker/dbworker.h"

#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace dbops {

namespace {
// Two lines per target: its name, and where it points in quieter text; the current one in bold.
class TargetDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {option.rect.width(), option.fontMetrics.height() * 2 + 14};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QString title = opt.text;
        opt.text.clear();
        opt.icon = {};
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const bool selected = opt.state & QStyle::State_Selected;
        QRect r = opt.rect.adjusted(10, 6, -8, -6);
        const int line = opt.fontMetrics.height();
        const QVariant severity = index.data(ItemRole::SeverityRole);
        if (severity.isValid()) { // the profile's worst state, once checked
            const int size = line * 2 / 3;
            const QPixmap dot = StatusDot::pixmap(SeverityDelegate::color(Severity(severity.toInt()), opt.palette),
                                                  size, painter->device()->devicePixelRatioF());
            painter->drawPixmap(r.left(), r.top() + (line - size) / 2, dot);
            r.setLeft(r.left() + size + 6);
        }
        QFont font = opt.font;
        font.setBold(index.data(ProfileListModel::IsCurrentRole).toBool());
        painter->save();
        painter->setFont(font);
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(font).elidedText(title, Qt::ElideRight, r.width()));
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        const QString subtitle = index.data(ItemRole::SubtitleRole).toString();
        painter->drawText(QRect(r.left(), r.top() + line + 2, r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(subtitle, Qt::ElideMiddle, r.width()));
        painter->restore();
    }
};

QToolButton *toolButton(QWidget *parent, const QString &name, const QString &tip, const QIcon &icon)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setIcon(icon);
    b->setAutoRaise(true);
    return b;
}
} // namespace

TargetSidebar::TargetSidebar(TargetSession *session, DbWorker *files, const QString &profilesFile, QWidget *parent)
    : QWidget(parent), m_session(session), m_files(files), m_profilesFile(profilesFile),
      m_model(new ProfileListModel(this)), m_view(new QListView(this)),
      m_statusWorker(new DbWorker(Target{}, SessionOptions::monitor(), QStringLiteral("profile-status"), this))
{
    qRegisterMetaType<dbops::ProfileList>();
    qRegisterMetaType<dbops::StatusBoard>();
    setObjectName(QStringLiteral("targetSidebar"));
    auto *title = PanelChrome::title(tr("Targets"), this, 1.0);
    m_add =
        toolButton(this, QStringLiteral("targetAdd"), tr("Open or connect to a store…"),
                   QIcon::fromTheme(QStringLiteral("list-add"), style()->standardIcon(QStyle::SP_FileDialogNewFolder)));
    m_save = toolButton(
        this, QStringLiteral("targetSave"), tr("Save the current target as a profile…"),
        QIcon::fromTheme(QStringLiteral("document-save"), style()->standardIcon(QStyle::SP_DialogSaveButton)));
    m_remove = toolButton(this, QStringLiteral("targetRemove"), tr("Remove the selected profile…"),
                          QIcon::fromTheme(QStringLiteral("list-remove"), style()->standardIcon(QStyle::SP_TrashIcon)));
    m_view->setObjectName(QStringLiteral("targetList"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TargetDelegate(m_view));
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformItemSizes(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setToolTip(tr("Double-click to open"));

    auto *header = new QHBoxLayout;
    header->setContentsMargins(10, 8, 6, 4);
    header->addWidget(title, 1);
    header->addWidget(m_add);
    header->addWidget(m_save);
    header->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    connect(m_add, &QToolButton::clicked, this, &TargetSidebar::addRequested);
    connect(m_save, &QToolButton::clicked, this, &TargetSidebar::askName);
    connect(m_remove, &QToolButton::clicked, this, &TargetSidebar::askRemove);
    connect(m_view, &QListView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT openRequested(m_model->targetAt(index.row())); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &TargetSidebar::updateButtons);
    connect(m_session, &TargetSession::targetChanged, this, [this](const Target &t) {
        m_model->setCurrent(t);
        m_view->setCurrentIndex(m_model->index(m_model->rowOfCurrent()));
        updateButtons();
    });
    connect(m_files, &DbWorker::jobFinished, this, &TargetSidebar::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &TargetSidebar::onFailed);
    connect(m_statusWorker, &DbWorker::jobFinished, this, &TargetSidebar::onStatusFinished);
    connect(m_statusWorker, &DbWorker::jobFailed, this,
            [this](quint64 id, const Error &error) { onStatusFinished(id, QVariant::fromValue(error)); });
    m_statusTimer.setInterval(60 * 1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &TargetSidebar::refreshStatuses);
    m_statusTimer.start();
    updateButtons();
    reload();
}

void TargetSidebar::updateButtons()
{
    m_save->setEnabled(m_model->current().isValid());
    m_remove->setEnabled(m_view->currentIndex().data(ProfileListModel::IsSavedRole).toBool());
}

void TargetSidebar::reload()
{
    const QString file = m_profilesFile;
    m_requestId = m_files->submit(QStringLiteral("read profiles"), ProfileJobs::list(file), false);
}

void TargetSidebar::saveCurrentAs(const QString &name)
{
    Profile profile;
    profile.name = name.trimmed();
    // Saving over a profile keeps its options (pool maxima, migrations folder, read-only, …): only the target
    // is the current one.
    for (const Profile &saved : m_model->profiles())
        if (saved.name == profile.name)
            profile = saved;
    profile.target = m_session->target();
    saveProfile(profile);
}

void TargetSidebar::saveProfile(Profile profile)
{
    profile.target.pg.password.clear();
    const QString file = m_profilesFile;
    m_requestId = m_files->submit(QStringLiteral("save profile"), ProfileJobs::save(file, profile), false);
}

void TargetSidebar::removeProfile(const QString &name)
{
    const QString file = m_profilesFile;
    m_requestId = m_files->submit(QStringLiteral("remove profile"), ProfileJobs::remove(file, name), false);
}

void TargetSidebar::askName()
{
    const Target t = m_session->target();
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save profile"));
    dialog->setLabelText(tr("Profile name for %1\n(no password is saved)").arg(t.display()));
    dialog->setTextValue(t.profileName.isEmpty() ? QFileInfo(t.databaseName()).completeBaseName() : t.profileName);
    connect(dialog, &QInputDialog::textValueSelected, this, &TargetSidebar::saveCurrentAs);
    dialog->open();
}

void TargetSidebar::askRemove()
{
    const QString name = m_view->currentIndex().data(ProfileListModel::ProfileNameRole).toString();
    if (name.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove profile"),
                                tr("Remove the saved profile “%1”?").arg(name), QMessageBox::Cancel, this);
    box->setInformativeText(tr("Only the profile is removed; the store itself is not touched."));
    box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, name](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            removeProfile(name);
    });
    box->open();
}

void TargetSidebar::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId || !result.canConvert<ProfileList>())
        return;
    m_model->setProfiles(result.value<ProfileList>().profiles);
    m_view->setCurrentIndex(m_model->index(m_model->rowOfCurrent()));
    updateButtons();
    refreshStatuses();
}

void TargetSidebar::refreshStatuses()
{
    if (!m_statusJobs.isEmpty())
        return;
    // One job per profile on the status worker's one thread: they run one after another, never side by side.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString name = m_model->index(row).data(ProfileListModel::ProfileNameRole).toString();
        if (name.isEmpty())
            continue;
        const quint64 id = m_statusWorker->submit(QStringLiteral("status of %1").arg(name),
                                                  AlertJobs::profileBoard(m_profilesFile, name), false);
        m_statusJobs.insert(id, name);
    }
}

void TargetSidebar::onStatusFinished(quint64 id, const QVariant &result)
{
    const QString name = m_statusJobs.take(id);
    if (name.isEmpty())
        return;
    StatusBoard board;
    if (result.canConvert<StatusBoard>())
        board = result.value<StatusBoard>();
    else
        board.error = result.value<Error>();
    // A profile that needs a typed password is not in trouble: it is only not checked in the background.
    const bool needsPassword = board.error.code == ErrorCode::AuthFailed;
    const Severity worst = needsPassword ? Severity::Quiet
                           : board.error ? Severity::Critical
                                         : StatusCheck::severity(board.worst());
    QStringList lines = board.problems();
    if (lines.isEmpty())
        lines << tr("all checks ok");
    else if (needsPassword)
        lines.prepend(tr("not checked: open it to type the password"));
    m_model->setStatus(name, worst, lines.join(QLatin1Char('\n')));
    if (m_statusJobs.isEmpty())
        Q_EMIT statusesRefreshed();
}

void TargetSidebar::onFailed(quint64 id, const Error &error)
{
    if (id == m_requestId)
        Q_EMIT errorReported(error);
}

} // namespace dbops
