#include "panels/overviewfacts.h"

#include "core/format.h"

#include <QFormLayout>
#include <QLabel>

namespace dbops {

OverviewFacts::OverviewFacts(QWidget *parent) : QWidget(parent), m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setHorizontalSpacing(18);
    m_form->setVerticalSpacing(7);
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addRow(QStringLiteral("engine"), tr("Engine"));
    addRow(QStringLiteral("database"), tr("Database"));
    addRow(QStringLiteral("location"), tr("Server"));
    addRow(QStringLiteral("size"), tr("Size"));
    addRow(QStringLiteral("storeCount"), tr("Stores"));
    addRow(QStringLiteral("tableCount"), tr("Tables"));
    addRow(QStringLiteral("journalMode"), tr("Journal mode"));
    addRow(QStringLiteral("walSize"), tr("WAL size"));
    addRow(QStringLiteral("pages"), tr("Pages"));
    addRow(QStringLiteral("userVersion"), QStringLiteral("user_version"));
    addRow(QStringLiteral("connections"), tr("Connections"));
    addRow(QStringLiteral("uptime"), tr("Uptime"));
    clear();
}

void OverviewFacts::addRow(const QString &key, const QString &label)
{
    auto *name = new QLabel(label, this);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(this);
    value->setObjectName(QStringLiteral("fact_") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // No wrapping: a wrapped label in a form row can be given one line's height and lose its tail. Long values
    // (paths) may be cut at the right instead of widening the window; the tooltip has them whole.
    value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    value->setMinimumWidth(1);
    m_form->addRow(name, value);
    m_values.insert(key, value);
}

void OverviewFacts::set(const QString &key, const QString &text, bool visible)
{
    QLabel *label = m_values.value(key);
    label->setText(text);
    label->setToolTip(text);
    m_form->setRowVisible(label, visible);
}

QString OverviewFacts::value(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

void OverviewFacts::clear()
{
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        set(it.key(), QStringLiteral("—"),
            it.key() == QLatin1String("engine") || it.key() == QLatin1String("database") ||
                it.key() == QLatin1String("size") || it.key() == QLatin1String("tableCount"));
}

void OverviewFacts::setOverview(const Overview &o)
{
    const bool pg = o.engine == QLatin1String("postgresql");
    const bool dataDir = !o.stores.isEmpty();
    const bool sqliteFile = !pg && !dataDir;
    const QString engine = pg ? tr("PostgreSQL %1").arg(o.version)
                              : tr("SQLite %1%2").arg(o.version, dataDir ? tr(" · data directory") : QString());
    set(QStringLiteral("engine"), engine);
    set(QStringLiteral("database"), o.database);
    set(QStringLiteral("location"), o.location, pg);
    set(QStringLiteral("size"), Format::bytes(o.sizeBytes));
    set(QStringLiteral("storeCount"), QString::number(o.stores.size()), dataDir);
    set(QStringLiteral("tableCount"), QString::number(o.tables.size()));
    set(QStringLiteral("journalMode"), o.journalMode, sqliteFile);
    qint64 wal = o.walBytes;
    if (dataDir) {
        wal = 0;
        for (const Overview &s : o.stores)
            wal += s.walBytes;
    }
    set(QStringLiteral("walSize"), Format::bytes(wal), !pg);
    set(QStringLiteral("pages"),
        tr("%1 × %2 · %3 free")
            .arg(Format::count(o.pageCount), Format::bytes(o.pageSize), Format::count(o.freelistCount)),
        sqliteFile);
    set(QStringLiteral("userVersion"), QString::number(o.userVersion), sqliteFile);
    set(QStringLiteral("connections"),
        tr("%1 of max_connections %2 (%3 reserved)")
            .arg(o.connections)
            .arg(o.maxConnections)
            .arg(o.reservedConnections),
        pg);
    set(QStringLiteral("uptime"),
        Format::duration(o.uptimeSeconds) + (o.inRecovery ? tr(" · standby (in recovery)") : QString()), pg);
}

} // namespace dbops
