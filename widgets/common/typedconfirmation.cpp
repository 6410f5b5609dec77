#include "common/typedconfirmation.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QWidget>

namespace dbops::TypedConfirmation {

void wire(QLineEdit *input, QDialogButtonBox *buttons, QPushButton *confirm)
{
    // The confirm button is the dialog's default: a disabled default takes Enter and does nothing, so Enter
    // cannot confirm before the word is typed, and after that it needs no mouse.
    confirm->setDefault(true);
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    if (cancel)
        cancel->setDefault(false);
    if (!confirm->text().contains(QLatin1Char('&')))
        confirm->setText(QLatin1Char('&') + confirm->text());
    QWidget::setTabOrder(input, confirm);
    if (cancel)
        QWidget::setTabOrder(confirm, cancel);
    input->setFocus();
}

} // namespace dbops::TypedConfirmation
