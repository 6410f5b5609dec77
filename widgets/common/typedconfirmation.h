#pragma once
// The keyboard of a typed-confirmation dialog (restore, cleanup): typing starts in the confirmation field,
// Enter presses the confirm button once it is enabled (the typed word matches) and does nothing before, Esc
// cancels, and Tab walks field → confirm → cancel. The confirm button gets a mnemonic.
class QDialogButtonBox;
class QLineEdit;
class QPushButton;

namespace dbops::TypedConfirmation {
void wire(QLineEdit *input, QDialogButtonBox *buttons, QPushButton *confirm);
} // namespace dbops::TypedConfirmation
