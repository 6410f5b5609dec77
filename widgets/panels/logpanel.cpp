#include "panels/logpanel.h"

#include "common/severitydelegate.h"
#include "item/logfilterproxy.h"
#include "item/logmodel.h"
#include "log/logbuffer.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace dbops {

LogPanel::LogPanel(LogBuffer *buffer, QWidget *parent)
    : QWidget(parent), m_model(new LogModel(5000, this)), m_filter(new LogFilterProxy(this)),
      m_level(new QComboBox(this)), m_view(new QTableView(this))
{
    qRegisterMetaType<dbops::LogRecord>();
    setObjectName(QStringLiteral("logPanel"));
    m_filter->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setColumnWidth(LogModel::TimeColumn, 100);
    m_view->setColumnWidth(LogModel::LevelColumn, 70);
    m_view->setColumnWidth(LogModel::LoggerColumn, 70);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_view->setFont(mono);

    m_level->setObjectName(QStringLiteral("logLevel"));
    m_level->addItem(tr("Debug and above"), 1);
    m_level->addItem(tr("Info and above"), 2);
    m_level->addItem(tr("Warnings and errors"), 3);
    m_level->addItem(tr("Errors only"), 4);
    m_level->setCurrentIndex(1);
    m_filter->setMinimumLevel(2);
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setToolTip(tr("Clear this view (the log file keeps every line)"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Show"), this));
    bar->addWidget(m_level);
    bar->addStretch(1);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this](int i) { setMinimumLevel(m_level->itemData(i).toInt()); });
    connect(clear, &QPushButton::clicked, m_model, &LogModel::clear);
    if (buffer) {
        m_model->setRecords(buffer->snapshot());
        // LogBuffer emits from whichever thread logged: the connection is queued to this (GUI) thread.
        connect(buffer, &LogBuffer::recorded, this, &LogPanel::onRecorded, Qt::QueuedConnection);
    }
    m_view->scrollToBottom();
}

void LogPanel::setMinimumLevel(int rank)
{
    m_filter->setMinimumLevel(rank);
    const int i = m_level->findData(rank);
    if (i >= 0 && i != m_level->currentIndex())
        m_level->setCurrentIndex(i);
    m_view->scrollToBottom();
}

void LogPanel::onRecorded(const LogRecord &record)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    m_model->append(record);
    if (follow)
        m_view->scrollToBottom();
    Q_EMIT recordShown(record);
}

} // namespace dbops
