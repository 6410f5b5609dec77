#include "panels/welcomepage.h"

#include "common/errorbanner.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QVBoxLayout>

namespace dbops {

namespace {
constexpr int kCardWidth = 600;
} // namespace

WelcomePage::WelcomePage(const QString &demoDir, QWidget *parent)
    : QWidget(parent), m_card(new QWidget(this)), m_progress(new QProgressBar(m_card)),
      m_progressText(new QLabel(m_card)), m_banner(new ErrorBanner(m_card))
{
    setObjectName(QStringLiteral("welcomePage"));
    m_banner->setObjectName(QStringLiteral("welcomeError"));
    auto *logo = new QLabel(m_card);
    const QIcon appIcon = QFile::exists(QStringLiteral(":/icons/dbops.svg"))
                              ? QIcon(QStringLiteral(":/icons/dbops.svg"))
                              : style()->standardIcon(QStyle::SP_DriveHDIcon);
    logo->setPixmap(appIcon.pixmap(64, 64));
    auto *title = new QLabel(tr("dbops console"), m_card);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    auto *subtitle = new QLabel(tr("Open a trading bot's store to see what it holds and how it is doing. "
                                   "dbops opens stores read-only and never creates a database file."),
                                m_card);
    subtitle->setWordWrap(true);
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(m_card);
    layout->setSpacing(10);
    auto *head = new QHBoxLayout;
    head->setSpacing(16);
    head->addWidget(logo, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->addWidget(title);
    titles->addWidget(subtitle);
    head->addLayout(titles, 1);
    layout->addLayout(head);
    layout->addSpacing(10);

    const QString shownDemoDir = QDir::toNativeSeparators(demoDir).replace(QDir::homePath(), QStringLiteral("~"));
    auto *demo =
        addChoice(QStringLiteral("welcomeDemo"), tr("Open demo store"),
                  tr("A realistic trading-bot data directory in %1 (created the first time).").arg(shownDemoDir),
                  style()->standardIcon(QStyle::SP_MediaPlay));
    auto *sqlite = addChoice(QStringLiteral("welcomeSqlite"), tr("Open SQLite file / data directory…"),
                             tr("A bot's trading.db, or the data directory that holds its stores."),
                             style()->standardIcon(QStyle::SP_DirOpenIcon));
    auto *pg = addChoice(QStringLiteral("welcomePostgres"), tr("Connect to PostgreSQL…"),
                         tr("Host, port, database and user, a postgresql:// URI or a service name. "
                            "Passwords come from ~/.pgpass, or you are asked."),
                         style()->standardIcon(QStyle::SP_DriveNetIcon));
    auto *env = addChoice(QStringLiteral("welcomeDetect"), tr("Detect from bot environment…"),
                          tr("DATABASE_TYPE, DATABASE_URL, settings.json and DB_PATH, as the bot reads them."),
                          style()->standardIcon(QStyle::SP_FileDialogContentsView));
    for (QCommandLinkButton *b : m_choices)
        layout->addWidget(b);
    layout->addSpacing(6);
    m_progressText->setObjectName(QStringLiteral("welcomeProgressText"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_progressText->hide();
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);
    layout->addWidget(m_banner);

    // Centred at a readable width: left to its size hint, a card of word-wrapped texts shrinks to ~300 px and
    // clips them (the main window is never narrower than this plus the targets list). fitCard() gives it the
    // height its texts need at that width.
    m_card->setFixedWidth(kCardWidth);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(2);
    outer->addWidget(m_card, 0, Qt::AlignHCenter);
    outer->addStretch(3);

    fitCard();
    connect(demo, &QCommandLinkButton::clicked, this, &WelcomePage::demoRequested);
    connect(sqlite, &QCommandLinkButton::clicked, this, &WelcomePage::openSqliteRequested);
    connect(pg, &QCommandLinkButton::clicked, this, &WelcomePage::connectPostgresRequested);
    connect(env, &QCommandLinkButton::clicked, this, &WelcomePage::detectRequested);
}

QCommandLinkButton *WelcomePage::addChoice(const QString &name, const QString &title, const QString &description,
                                           const QIcon &icon)
{
    auto *b = new QCommandLinkButton(title, description, m_card);
    b->setObjectName(name);
    b->setIcon(icon);
    b->setIconSize(QSize(24, 24));
    m_choices.append(b);
    return b;
}

void WelcomePage::fitCard() { m_card->setMinimumHeight(m_card->layout()->heightForWidth(kCardWidth)); }

void WelcomePage::setBusy(const QString &what)
{
    m_busy = !what.isEmpty();
    m_progress->setVisible(m_busy);
    m_progressText->setVisible(m_busy);
    m_progressText->setText(what);
    for (QCommandLinkButton *b : m_choices)
        b->setEnabled(!m_busy);
    if (m_busy)
        m_banner->clear();
    fitCard();
}

void WelcomePage::showError(const Error &error)
{
    setBusy({});
    m_banner->showError(error);
    fitCard();
}

void WelcomePage::showNote(const QString &text)
{
    if (text.isEmpty())
        m_banner->clear();
    else
        m_banner->showInfo(text);
    fitCard();
}

QString WelcomePage::message() const { return m_banner->text(); }

} // namespace dbops
