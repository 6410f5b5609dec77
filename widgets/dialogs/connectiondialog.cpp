#include "dialogs/connectiondialog.h"

#include "common/errorbanner.h"
#include "connection/targetparser.h"
#include "dialogs/profileoptions.h"
#include "probe/connectiontest.h"
#include "worker/dbworker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <optional>

namespace dbops {

namespace {
QLineEdit *field(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QLabel *note(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_tabs(new QTabWidget(this)), m_options(new ProfileOptions(this)),
      m_testResult(new QLabel(this)), m_test(new QPushButton(tr("&Test connection"), this)),
      m_banner(new ErrorBanner(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_tester(new DbWorker(Target{}, SessionOptions::monitor(), QStringLiteral("connection-test"), this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Open a store"));
    m_banner->setObjectName(QStringLiteral("connectionError"));
    m_tabs->addTab(buildPostgresPage(), tr("PostgreSQL"));
    m_tabs->addTab(buildSqlitePage(), tr("SQLite"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connectButton"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_test->setToolTip(tr("Open the store once, read-only, and say what answered"));
    m_testResult->setObjectName(QStringLiteral("connectionTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(testRow);
    layout->addWidget(m_options);
    layout->addWidget(m_banner);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ConnectionDialog::updateButton);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_tester, &DbWorker::jobFinished, this, &ConnectionDialog::onTestFinished);
    connect(m_tester, &DbWorker::jobFailed, this, &ConnectionDialog::onTestFailed);
    resize(560, sizeHint().height());
    updateButton();
}

QWidget *ConnectionDialog::buildPostgresPage()
{
    auto *page = new QWidget(this);
    m_host = field(page, QStringLiteral("pgHost"), tr("PGHOST, else the local socket"));
    m_port = field(page, QStringLiteral("pgPort"), tr("PGPORT, else 5432"));
    m_port->setValidator(new QIntValidator(1, 65535, m_port));
    m_database = field(page, QStringLiteral("pgDatabase"), tr("PGDATABASE, else the user name"));
    m_user = field(page, QStringLiteral("pgUser"), tr("PGUSER, else your login name"));
    m_sslmode = new QComboBox(page);
    m_sslmode->setObjectName(QStringLiteral("pgSslmode"));
    m_sslmode->addItem(tr("libpq default (PGSSLMODE, else prefer)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslmode->addItem(QLatin1String(mode), QLatin1String(mode));
    m_uri = field(page, QStringLiteral("pgUri"),
                  tr("postgresql://user@host:5432/db?sslmode=require  or  "
                     "service=name"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Database"), m_database);
    form->addRow(tr("User"), m_user);
    form->addRow(tr("SSL mode"), m_sslmode);
    form->addRow(note(page, tr("Or, instead of the fields above:")));
    form->addRow(tr("URI / service"), m_uri);
    form->addRow(note(page, tr("No password is stored. libpq reads ~/.pgpass (or PGPASSFILE); if the "
                               "server still refuses, dbops asks and keeps the answer in memory only.")));
    return page;
}

QWidget *ConnectionDialog::buildSqlitePage()
{
    auto *page = new QWidget(this);
    m_path = field(page, QStringLiteral("sqlitePath"), tr("/path/to/trading.db or a bot's data directory"));
    auto *file = new QPushButton(tr("File…"), page);
    file->setObjectName(QStringLiteral("sqliteBrowseFile"));
    auto *folder = new QPushButton(tr("Folder…"), page);
    folder->setObjectName(QStringLiteral("sqliteBrowseFolder"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(file);
    row->addWidget(folder);
    auto *form = new QFormLayout(page);
    form->addRow(tr("File or folder"), row);
    form->addRow(note(page, tr("SQLite stores are opened read-only; a missing file is reported, never "
                               "created. A folder is scanned for every store in it.")));
    connect(file, &QPushButton::clicked, this, [this] { browse(false); });
    connect(folder, &QPushButton::clicked, this, [this] { browse(true); });
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_browsedKind = Target::Kind::None; });
    return page;
}

void ConnectionDialog::browse(bool directory)
{
    auto *dialog = new QFileDialog(this, directory ? tr("A bot's data directory") : tr("A SQLite database file"),
                                   m_path->text().isEmpty() ? QDir::homePath() : m_path->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(directory ? QFileDialog::Directory : QFileDialog::ExistingFile);
    if (!directory)
        dialog->setNameFilters({tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this, directory](const QString &path) {
        m_path->setText(path);
        m_browsedKind = directory ? Target::Kind::DataDir : Target::Kind::SqliteFile;
    });
    dialog->open();
}

void ConnectionDialog::setPage(Page page) { m_tabs->setCurrentIndex(page == Page::Postgres ? 0 : 1); }

ConnectionDialog::Page ConnectionDialog::page() const
{
    return m_tabs->currentIndex() == 0 ? Page::Postgres : Page::Sqlite;
}

void ConnectionDialog::updateButton()
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(page() == Page::Postgres ? tr("Connect") : tr("Open"));
}

Expected<Target> ConnectionDialog::target() const
{
    return page() == Page::Postgres ? postgresTarget() : sqliteTarget();
}

Expected<Target> ConnectionDialog::postgresTarget() const
{
    const QString uri = m_uri->text().trimmed();
    if (!uri.isEmpty()) {
        auto parsed = TargetParser::parse(uri);
        if (parsed && !parsed->isPostgres())
            return Error::make(ErrorCode::Usage, tr("“%1” is not a PostgreSQL URI or service").arg(uri),
                               tr("use postgresql://user@host:port/db, or service=name"));
        return parsed;
    }
    PgParams pg;
    pg.host = m_host->text().trimmed();
    pg.port = m_port->text().trimmed().toInt();
    pg.dbname = m_database->text().trimmed();
    pg.user = m_user->text().trimmed();
    pg.sslmode = m_sslmode->currentData().toString();
    if (!m_port->text().trimmed().isEmpty() && (pg.port < 1 || pg.port > 65535))
        return Error::make(ErrorCode::Usage, tr("port must be between 1 and 65535"));
    return Target::postgres(pg);
}

Expected<Target> ConnectionDialog::sqliteTarget() const
{
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return Error::make(ErrorCode::Usage, tr("no file or folder given"),
                           tr("type a path, or choose one with File… or Folder…"));
    if (m_browsedKind == Target::Kind::DataDir)
        return Target::dataDir(QFileInfo(path).absoluteFilePath());
    if (m_browsedKind == Target::Kind::SqliteFile)
        return Target::sqliteFile(QFileInfo(path).absoluteFilePath());
    auto parsed = TargetParser::parse(path);
    if (parsed && parsed->isPostgres())
        return Error::make(ErrorCode::Usage, tr("“%1” is a PostgreSQL URI").arg(path),
                           tr("use the PostgreSQL tab for it"));
    return parsed;
}

void ConnectionDialog::setProfile(const Profile &profile)
{
    const Target &t = profile.target;
    if (t.isPostgres()) {
        setPage(Page::Postgres);
        m_uri->clear();
        m_host->setText(t.pg.host);
        m_port->setText(t.pg.port > 0 ? QString::number(t.pg.port) : QString());
        m_database->setText(t.pg.dbname);
        m_user->setText(t.pg.user);
        m_sslmode->setCurrentIndex(qMax(0, m_sslmode->findData(t.pg.sslmode)));
        if (!t.pg.service.isEmpty())
            m_uri->setText(QStringLiteral("service=") + t.pg.service);
    } else {
        setPage(Page::Sqlite);
        m_path->setText(t.path);
        m_browsedKind = t.kind;
    }
    m_options->setProfile(profile);
}

Expected<Profile> ConnectionDialog::profile() const
{
    auto t = target();
    if (!t)
        return t.error();
    return m_options->profile(t.value());
}

void ConnectionDialog::testConnection()
{
    auto t = target();
    if (!t) {
        m_testResult->setText(t.error().oneLine());
        Q_EMIT testFinished(false);
        return;
    }
    m_test->setEnabled(false);
    m_testResult->setText(tr("Connecting to %1…").arg(t->display()));
    m_testId = m_tester->submit(QStringLiteral("test connection"), ConnectionTest::job(t.value()), false);
}

QString ConnectionDialog::testResult() const { return m_testResult->text(); }

void ConnectionDialog::onTestFinished(quint64 id, const QVariant &result)
{
    if (id != m_testId)
        return;
    m_test->setEnabled(true);
    m_testResult->setText(tr("✔ %1").arg(result.toString()));
    Q_EMIT testFinished(true);
}

void ConnectionDialog::onTestFailed(quint64 id, const Error &error)
{
    if (id != m_testId)
        return;
    m_test->setEnabled(true);
    m_testResult->setText(tr("✘ %1").arg(error.oneLine()));
    Q_EMIT testFinished(false);
}

void ConnectionDialog::accept()
{
    auto t = target();
    if (!t) {
        m_banner->showError(t.error());
        return;
    }
    std::optional<Profile> saved;
    if (!m_options->name().isEmpty()) {
        auto p = m_options->profile(t.value());
        if (!p) {
            m_banner->showError(p.error());
            return;
        }
        saved = p.value();
    }
    m_banner->clear();
    m_chosen = saved ? saved->target : t.value();
    if (saved)
        Q_EMIT profileChosen(*saved);
    Q_EMIT targetChosen(m_chosen);
    QDialog::accept();
}

} // namespace dbops
