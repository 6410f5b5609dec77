#pragma once
// The inline message strip at the top of a panel: an error (what went wrong, what to do) or a warning.
// Hidden when there is nothing to say.
#include "core/error.h"

#include <QFrame>

class QLabel;

namespace dbops {

class ErrorBanner : public QFrame {
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    void showError(const Error &error);
    void showWarning(const QString &text);
    void showInfo(const QString &text);
    void clear();
    QString text() const;

private:
    enum class Tone { Error, Warning, Info };
    void present(Tone tone, const QString &html, const QString &plain);

    QLabel *m_icon;
    QLabel *m_text;
    QString m_plain;
};

} // namespace dbops
