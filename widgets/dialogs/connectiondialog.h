#pragma once
// Where to connect: PostgreSQL (host, port, database, user, sslmode — or a URI / service= name) or SQLite
// (a file or a bot's data directory). There is no password field: libpq's ~/.pgpass / PGPASSFILE supply it,
// or the window asks after the server refuses (and keeps it in memory only).
#include "connection/target.h"
#include "core/expected.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QTabWidget;

namespace dbops {

class ErrorBanner;

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

    void accept() override;

Q_SIGNALS:
    void targetChosen(const dbops::Target &target);

private:
    QWidget *buildPostgresPage();
    QWidget *buildSqlitePage();
    Expected<Target> postgresTarget() const;
    Expected<Target> sqliteTarget() const;
    void browse(bool directory);
    void updateButton();

    QTabWidget *m_tabs;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_sslmode = nullptr;
    QLineEdit *m_uri = nullptr;
    QLineEdit *m_path = nullptr;
    ErrorBanner *m_banner;
    QDialogButtonBox *m_buttons;
    Target::Kind m_browsedKind = Target::Kind::None; // set by File… / Folder…, cleared when the path is typed
    Target m_chosen;
};

} // namespace dbops
