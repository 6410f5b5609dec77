#include "common/errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace dbops {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    m_text->setObjectName(QStringLiteral("errorBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_icon->setAlignment(Qt::AlignTop);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    hide();
}

void ErrorBanner::showError(const Error &error)
{
    QString html = QStringLiteral("<b>%1</b>").arg(error.message.toHtmlEscaped());
    if (!error.hint.isEmpty())
        html += QStringLiteral("<br>%1").arg(error.hint.toHtmlEscaped());
    present(Tone::Error, html, error.oneLine());
}

void ErrorBanner::showWarning(const QString &text) { present(Tone::Warning, text.toHtmlEscaped(), text); }

void ErrorBanner::showInfo(const QString &text) { present(Tone::Info, text.toHtmlEscaped(), text); }

void ErrorBanner::clear()
{
    m_plain.clear();
    m_text->clear();
    hide();
}

QString ErrorBanner::text() const { return m_plain; }

void ErrorBanner::present(Tone tone, const QString &html, const QString &plain)
{
    struct Look {
        QStyle::StandardPixmap icon;
        const char *background;
        const char *border;
    };
    const Look look = tone == Tone::Error     ? Look{QStyle::SP_MessageBoxCritical, "#fdecea", "#f1aeb5"}
                      : tone == Tone::Warning ? Look{QStyle::SP_MessageBoxWarning, "#fff4e5", "#f5c27a"}
                                              : Look{QStyle::SP_MessageBoxInformation, "#e8f1fb", "#a9c8ec"};
    setStyleSheet(QStringLiteral("QFrame#errorBanner { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 "QFrame#errorBanner QLabel { background: transparent; color: #1f1f1f; }")
                      .arg(QLatin1String(look.background), QLatin1String(look.border)));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(look.icon).pixmap(size, size));
    m_plain = plain;
    m_text->setText(html);
    show();
}

} // namespace dbops
