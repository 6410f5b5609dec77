#pragma once
// Where to connect: PostgreSQL (host, port, database, user, sslmode — or a URI / service= name) or SQLite
// (a file or a bot's data directory). There is no password field: libpq's ~/.pgpass / PGPASSFILE supply it,
// or the window asks after the server refuses (and keeps it in memory only). "Test connection" opens the
// target once on the dialog's own worker thread and shows what answered (or why not) inline. With a profile
// name, the target is saved with its options (ProfileOptions) when the operator connects.
#include "connection/profilestore.h"
#include "connection/target.h"
#include "core/expected.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace dbops {

class DbWorker;
class ErrorBanner;
class ProfileOptions;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    enum class Page { Postgres, Sqlite };

    explicit ConnectionDialog(QWidget *parent = nullptr);
    void setPage(Page page);
    Page page() const;
    // The target the fields describe now (a Usage error when they do not describe one).
    Expected<Target> target() const;
    // The target accepted with "Open" / "Connect".
    const Target &chosenTarget() const { return m_chosen; }
    // Fills the fields from a saved profile: its target and every option.
    void setProfile(const Profile &profile);
    // The profile the fields describe now (a Usage error for no target, a bad name or a bad pool maximum).
    Expected<Profile> profile() const;

    // Opens the target once on a worker thread; the answer lands in testResult() (and testFinished()).
    void testConnection();
    QString testResult() const;

    void accept() override;

Q_SIGNALS:
    void targetChosen(const dbops::Target &target);
    // Accepted with a profile name: the profile to save (no password in it).
    void profileChosen(const dbops::Profile &profile);
    void testFinished(bool ok);

private:
    QWidget *buildPostgresPage();
    QWidget *buildSqlitePage();
    Expected<Target> postgresTarget() const;
    Expected<Target> sqliteTarget() const;
    void browse(bool directory);
    void updateButton();
    void onTestFinished(quint64 id, const QVariant &result);
    void onTestFailed(quint64 id, const Error &error);

    QTabWidget *m_tabs;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_sslmode = nullptr;
    QLineEdit *m_uri = nullptr;
    QLineEdit *m_path = nullptr;
    ProfileOptions *m_options;
    QLabel *m_testResult;
    QPushButton *m_test;
    ErrorBanner *m_banner;
    QDialogButtonBox *m_buttons;
    DbWorker *m_tester; // the dialog's own thread: a slow server never freezes the window
    quint64 m_testId = 0;
    Target::Kind m_browsedKind = Target::Kind::None; // set by File… / Folder…, cleared when the path is typed
    Target m_chosen;
};

} // namespace dbops
