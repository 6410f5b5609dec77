#pragma once
// The Overview's status board: one row per concern (coloured state, name, reason) for the open target; a
// click or Enter on a row asks for the tab that explains it (panelRequested: "activity", "health",
// "migrations", "backups", "cleanup").
#include "status/statuscheck.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace dbops {

class StatusBoardModel;

class StatusBoardView : public QWidget {
    Q_OBJECT
public:
    explicit StatusBoardView(QWidget *parent = nullptr);
    void setBoard(const StatusBoard &board);
    void setReading(); // keeps the rows, says a new evaluation runs
    void clear();
    const StatusBoard &board() const;
    QTableView *view() const { return m_view; }

Q_SIGNALS:
    void panelRequested(const QString &panel);

private:
    void onActivated(const QModelIndex &index);
    void fitHeight();

    StatusBoardModel *m_model;
    QTableView *m_view;
    QLabel *m_verdict;
};

} // namespace dbops
