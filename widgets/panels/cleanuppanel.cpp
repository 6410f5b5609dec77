#include "panels/cleanuppanel.h"

#include "cleanup/lockssection.h"
#include "cleanup/maintenancesection.h"
#include "cleanup/prunesection.h"
#include "cleanup/sessionssection.h"
#include "common/panelchrome.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace dbops {

namespace {

QWidget *retentionPlaceholder(QWidget *parent)
{
    auto *w = new QWidget(parent);
    w->setObjectName(QStringLiteral("retentionPlaceholder"));
    auto *v = new QVBoxLayout(w);
    v->addWidget(PanelChrome::note(w, CleanupPanel::tr("Retention policies (dry run, batched apply with archive) "
                                                       "appear here.")));
    v->addStretch(1);
    return w;
}

} // namespace

CleanupPanel::CleanupPanel(DbWorker *ops, QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_stack(new QStackedWidget(this)),
      m_heading(PanelChrome::title(QString(), this)), m_retention(retentionPlaceholder(this)),
      m_maintenance(new MaintenanceSection(ops, this)), m_sessions(new SessionsSection(ops, this)),
      m_locks(new LocksSection(ops, this)), m_prune(new PruneSection(ops, this))
{
    setObjectName(QStringLiteral("cleanupPanel"));
    m_list->setObjectName(QStringLiteral("cleanupSections"));
    m_list->setFixedWidth(170);
    m_stack->setObjectName(QStringLiteral("cleanupStack"));
    auto *right = new QVBoxLayout;
    right->addWidget(m_heading);
    right->addWidget(m_stack, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(right, 1);

    addSection(tr("Retention"), m_retention);
    addSection(tr("Maintenance"), m_maintenance);
    addSection(tr("Leaked sessions"), m_sessions);
    addSection(tr("Stale locks"), m_locks);
    addSection(tr("Backup pruning"), m_prune);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_stack->setCurrentIndex(row);
        m_heading->setText(sectionTitle(row));
    });
    m_list->setCurrentRow(1); // Maintenance until Retention has its widget
}

void CleanupPanel::wire(CleanupSection *section)
{
    connect(section, &CleanupSection::errorReported, this, &CleanupPanel::errorReported);
    connect(section, &CleanupSection::succeeded, this, &CleanupPanel::actionCompleted);
}

void CleanupPanel::setTarget(const Target &target, const SessionOptions &options)
{
    m_target = target;
    m_options = options;
    for (int i = 0; i < sectionCount(); ++i)
        if (auto *s = qobject_cast<CleanupSection *>(section(i)))
            s->setTarget(target, options);
    Q_EMIT targetChanged(target, options);
}

void CleanupPanel::clearTarget() { setTarget(Target{}); }

void CleanupPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (int i = 0; i < sectionCount(); ++i)
        if (auto *s = qobject_cast<CleanupSection *>(section(i)))
            s->setReadOnly(readOnly);
}

void CleanupPanel::setBackupDir(const QString &dir) { m_prune->setBackupDir(dir); }

void CleanupPanel::setRetentionSection(QWidget *widget)
{
    const int index = m_stack->indexOf(m_retention);
    if (index < 0 || !widget)
        return;
    m_stack->insertWidget(index, widget);
    m_stack->removeWidget(m_retention);
    m_retention->deleteLater();
    m_retention = widget;
    if (auto *s = qobject_cast<CleanupSection *>(widget)) {
        wire(s);
        s->setTarget(m_target, m_options);
        s->setReadOnly(m_readOnly);
    }
    m_list->setCurrentRow(index);
    m_stack->setCurrentIndex(index);
}

int CleanupPanel::addSection(const QString &title, QWidget *widget)
{
    return insertSection(sectionCount(), title, widget);
}

int CleanupPanel::insertSection(int index, const QString &title, QWidget *widget)
{
    index = std::clamp(index, 0, sectionCount());
    widget->setParent(m_stack);
    m_stack->insertWidget(index, widget);
    m_list->insertItem(index, title);
    if (auto *s = qobject_cast<CleanupSection *>(widget)) {
        wire(s);
        s->setTarget(m_target, m_options);
        s->setReadOnly(m_readOnly);
    }
    return index;
}

int CleanupPanel::sectionCount() const { return m_stack->count(); }

QWidget *CleanupPanel::section(int index) const { return m_stack->widget(index); }

QWidget *CleanupPanel::section(const QString &title) const
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->text() == title)
            return m_stack->widget(i);
    return nullptr;
}

QString CleanupPanel::sectionTitle(int index) const
{
    const QListWidgetItem *item = m_list->item(index);
    return item ? item->text() : QString();
}

void CleanupPanel::showSection(QWidget *widget)
{
    const int index = m_stack->indexOf(widget);
    if (index >= 0)
        m_list->setCurrentRow(index);
}

QWidget *CleanupPanel::currentSection() const { return m_stack->currentWidget(); }

} // namespace dbops
