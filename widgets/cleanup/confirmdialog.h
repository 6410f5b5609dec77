#pragma once
// The typed confirmation every destructive cleanup step asks for (the house style of RestoreDialog): what
// will happen, the items it touches, and a button that stays disabled until the operator types the word shown
// (the database's name, the application's name, …). The dialog runs nothing: accepted() is the go-ahead.
#include <QDialog>
#include <QStringList>

class QLineEdit;
class QPushButton;

namespace dbops {

struct ConfirmRequest {
    QString title;        // window title and heading: "Run VACUUM on trading.db"
    QString summary;      // what happens, in a sentence or two
    QStringList items;    // what it touches, one line each (may be empty)
    QStringList warnings; // shown in the warning strip
    QString word;         // what the operator must type
    QString action;       // the button: "Run VACUUM", "Terminate 2 sessions"
};

class ConfirmDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConfirmDialog(const ConfirmRequest &request, QWidget *parent = nullptr);
    bool canConfirm() const;
    QLineEdit *input() const { return m_input; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    ConfirmRequest m_request;
    QLineEdit *m_input;
    QPushButton *m_confirm;
};

} // namespace dbops
