#include "dialogs/incidentleavedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dbops {

namespace {
constexpr int kDefaultMinutes = 15;
constexpr int kMaxMinutes = 8 * 60;
} // namespace

IncidentLeaveDialog::IncidentLeaveDialog(QWidget *parent)
    : QDialog(parent), m_reason(new QLineEdit(this)), m_minutes(new QSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("incidentLeaveDialog"));
    setWindowTitle(tr("Leave incident mode"));
    m_reason->setObjectName(QStringLiteral("incidentReason"));
    m_reason->setPlaceholderText(tr("e.g. restore approved in ticket OPS-1234"));
    m_minutes->setObjectName(QStringLiteral("incidentMinutes"));
    m_minutes->setRange(1, kMaxMinutes);
    m_minutes->setValue(kDefaultMinutes);
    m_minutes->setSuffix(tr(" min"));
    auto *intro = new QLabel(tr("While incident mode is on, dbops changes no store. Say why changes are needed now "
                                "and for how long; both go to the audit trail. When the time is up the console is "
                                "read-only again by itself."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("Allow changes &for:"), m_minutes);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Allow changes"));
    ok->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_reason, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (reason().isEmpty())
            return;
        Q_EMIT leaveRequested(reason(), minutes());
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString IncidentLeaveDialog::reason() const { return m_reason->text().trimmed(); }

int IncidentLeaveDialog::minutes() const { return m_minutes->value(); }

} // namespace dbops
