#include "cleanup/confirmdialog.h"

#include "common/errorbanner.h"
#include "common/panelchrome.h"
#include "common/typedconfirmation.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace dbops {

ConfirmDialog::ConfirmDialog(const ConfirmRequest &request, QWidget *parent)
    : QDialog(parent), m_request(request), m_input(new QLineEdit(this))
{
    setObjectName(QStringLiteral("cleanupConfirmDialog"));
    setWindowTitle(request.title);
    setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelChrome::title(request.title, this));
    auto *summary = new QLabel(request.summary, this);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    if (!request.items.isEmpty()) {
        auto *list = new QListWidget(this);
        list->setObjectName(QStringLiteral("cleanupConfirmItems"));
        list->addItems(request.items);
        list->setMaximumHeight(160);
        layout->addWidget(list);
    }
    if (!request.warnings.isEmpty()) {
        auto *banner = new ErrorBanner(this);
        banner->showWarning(request.warnings.join(QLatin1Char('\n')));
        layout->addWidget(banner);
    }
    layout->addWidget(new QLabel(tr("Type <b>%1</b> to confirm:").arg(request.word.toHtmlEscaped()), this));
    m_input->setObjectName(QStringLiteral("cleanupConfirmInput"));
    layout->addWidget(m_input);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(request.action, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("cleanupConfirmButton"));
    layout->addWidget(buttons);
    connect(m_input, &QLineEdit::textChanged, this, [this] { m_confirm->setEnabled(canConfirm()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canConfirm())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_confirm->setEnabled(false);
    TypedConfirmation::wire(m_input, buttons, m_confirm);
}

bool ConfirmDialog::canConfirm() const { return m_input->text().trimmed() == m_request.word; }

} // namespace dbops
