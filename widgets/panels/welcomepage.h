#pragma once
// What the console shows when it has no target: the four ways in (demo store, SQLite file or data directory,
// PostgreSQL, the bot's environment), and the progress or error of the last attempt.
#include "core/error.h"

#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QProgressBar;

namespace dbops {

class ErrorBanner;

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(const QString &demoDir, QWidget *parent = nullptr);
    void setBusy(const QString &what); // an empty text ends the busy state
    void showError(const Error &error);
    void showNote(const QString &text);
    QString message() const;
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void demoRequested();
    void openSqliteRequested();
    void connectPostgresRequested();
    void detectRequested();

private:
    void fitCard(); // the card's height for its texts at its fixed width
    QCommandLinkButton *addChoice(const QString &name, const QString &title, const QString &description,
                                  const QIcon &icon);

    QWidget *m_card;
    QList<QCommandLinkButton *> m_choices;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    ErrorBanner *m_banner;
    bool m_busy = false;
};

} // namespace dbops
