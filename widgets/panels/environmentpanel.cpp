#include "panels/environmentpanel.h"

#include "common/errorbanner.h"
#include "common/tableviews.h"
#include "item/originmodel.h"
#include "probe/environmentjobs.h"
#include "worker/dbworker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace dbops {

namespace {
QWidget *pathRow(QWidget *parent, QLineEdit *edit, QPushButton *browse)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}
} // namespace

EnvironmentPanel::EnvironmentPanel(DbWorker *files, QWidget *parent) : QWidget(parent), m_files(files)
{
    setObjectName(QStringLiteral("environmentPanel"));
    auto *intro =
        new QLabel(tr("dbops looks for the store the way the bot does: <b>DATABASE_TYPE</b> / <b>DB_TYPE</b>, then "
                      "<b>DATABASE_URL</b>, then the bot's <b>settings.json</b>, then SQLite at <b>DB_PATH</b> "
                      "(default <code>data/trading.db</code>, relative to the bot's directory). libpq's "
                      "<b>PG*</b> variables fill in PostgreSQL settings. Passwords are shown as ***."),
                   this);
    intro->setWordWrap(true);
    m_banner = new ErrorBanner(this);
    m_banner->setObjectName(QStringLiteral("environmentError"));
    m_result = new QLabel(tr("Not detected yet."), this);
    m_result->setObjectName(QStringLiteral("environmentResult"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_open = new QPushButton(tr("Open this target"), this);
    m_open->setObjectName(QStringLiteral("environmentOpen"));
    m_open->setEnabled(false);
    m_model = new OriginModel(this);
    auto *view = TableViews::create(m_model, this, QStringLiteral("environmentOrigins"), OriginModel::ValueColumn);

    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(buildInputs());
    layout->addWidget(m_banner);
    layout->addLayout(resultRow);
    layout->addWidget(view, 1);

    connect(m_open, &QPushButton::clicked, this, [this] { Q_EMIT openRequested(m_detected); });
    connect(m_files, &DbWorker::jobFinished, this, &EnvironmentPanel::onFinished);
    connect(m_files, &DbWorker::jobFailed, this, &EnvironmentPanel::onFailed);
}

QWidget *EnvironmentPanel::buildInputs()
{
    auto *box = new QGroupBox(tr("The bot's environment"), this);
    m_dir = new QLineEdit(QDir::currentPath(), box);
    m_dir->setObjectName(QStringLiteral("environmentBotDir"));
    connect(m_dir, &QLineEdit::textEdited, this, [this] { m_dirChosen = true; });
    m_settings = new QLineEdit(box);
    m_settings->setObjectName(QStringLiteral("environmentSettings"));
    m_settings->setPlaceholderText(tr("optional: the bot's settings.json"));
    auto *browseDir = new QPushButton(tr("Browse…"), box);
    auto *browseSettings = new QPushButton(tr("Browse…"), box);
    m_detect = new QPushButton(tr("Detect"), box);
    m_detect->setObjectName(QStringLiteral("environmentDetect"));
    m_detect->setDefault(true);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Bot directory"), pathRow(box, m_dir, browseDir));
    form->addRow(QStringLiteral("settings.json"), pathRow(box, m_settings, browseSettings));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_detect);
    form->addRow(buttons);
    connect(browseDir, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("The bot's working directory"), m_dir->text());
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) {
            m_dirChosen = true;
            setBotDirectory(dir);
        });
        dialog->open();
    });
    connect(browseSettings, &QPushButton::clicked, this, [this] {
        auto *dialog =
            new QFileDialog(this, tr("The bot's settings.json"), m_dir->text(), tr("JSON (*.json);;All files (*)"));
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &EnvironmentPanel::setSettingsJson);
        dialog->open();
    });
    connect(m_detect, &QPushButton::clicked, this, &EnvironmentPanel::detect);
    return box;
}

void EnvironmentPanel::setSettingsJson(const QString &path) { m_settings->setText(path); }

void EnvironmentPanel::setBotDirectory(const QString &path) { m_dir->setText(path); }

void EnvironmentPanel::followTarget(const Target &target)
{
    if (m_dirChosen || target.isPostgres() || target.path.isEmpty())
        return;
    // From the path alone (no disk access on the GUI thread): the data directory itself, or the store's folder.
    QString dir = target.kind == Target::Kind::DataDir ? target.path : QFileInfo(target.path).absolutePath();
    if (target.kind == Target::Kind::SqliteFile && QFileInfo(dir).fileName() == QLatin1String("data"))
        dir = QFileInfo(dir).absolutePath(); // DB_PATH's default is data/trading.db, relative to the bot
    if (dir == m_dir->text())
        return;
    m_dir->setText(dir);
    if (m_model->rowCount() > 0)
        detect();
}

void EnvironmentPanel::detect()
{
    const QProcessEnvironment env = m_env;
    const QString dir = m_dir->text().trimmed().isEmpty() ? QDir::currentPath() : m_dir->text().trimmed();
    const QString settings = m_settings->text().trimmed();
    m_detect->setEnabled(false);
    m_result->setText(tr("Detecting…"));
    m_requestId =
        m_files->submit(QStringLiteral("detect environment"), EnvironmentJobs::detect(env, dir, settings), false);
}

void EnvironmentPanel::onFinished(quint64 id, const QVariant &result)
{
    if (id != m_requestId || !result.canConvert<DetectionResult>())
        return;
    const DetectionResult r = result.value<DetectionResult>();
    m_detect->setEnabled(true);
    m_detected = r.detected.target;
    m_model->setOrigins(r.detected.origins);
    m_result->setText(
        tr("Detected <b>%1</b> target: %2").arg(m_detected.engine(), m_detected.display().toHtmlEscaped()));
    m_open->setEnabled(m_detected.isValid());
    QStringList warnings = r.detected.warnings;
    if (!r.missingPath.isEmpty())
        warnings.prepend(tr("%1 does not exist: the bot has not created it yet, or this is not the bot's folder "
                            "(set “Bot directory” or settings.json above)")
                             .arg(QDir::toNativeSeparators(r.missingPath)));
    if (warnings.isEmpty())
        m_banner->clear();
    else
        m_banner->showWarning(warnings.join(QLatin1Char('\n')));
    Q_EMIT detected(m_detected);
}

void EnvironmentPanel::onFailed(quint64 id, const Error &error)
{
    if (id != m_requestId)
        return;
    m_detect->setEnabled(true);
    m_detected = {};
    m_open->setEnabled(false);
    m_model->setOrigins({});
    m_result->setText(tr("Nothing detected."));
    m_banner->showError(error);
    Q_EMIT errorReported(error);
}

} // namespace dbops
