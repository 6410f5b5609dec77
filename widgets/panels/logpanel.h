#pragma once
// The log dock: the console's own log (LogBuffer) in a capped model, filtered by level, newest at the
// bottom, following new lines while the view is scrolled to the end.
#include "log/logrecord.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace dbops {

class LogBuffer;
class LogFilterProxy;
class LogModel;

class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(LogBuffer *buffer, QWidget *parent = nullptr);
    const LogModel *model() const { return m_model; }
    const LogFilterProxy *filter() const { return m_filter; }
    void setMinimumLevel(int rank);

Q_SIGNALS:
    void recordShown(const dbops::LogRecord &record);

private:
    void onRecorded(const LogRecord &record);

    LogModel *m_model;
    LogFilterProxy *m_filter;
    QComboBox *m_level;
    QTableView *m_view;
};

} // namespace dbops
