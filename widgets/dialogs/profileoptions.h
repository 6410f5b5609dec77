#pragma once
// The connect dialog's "Save as a profile" part: a name (empty: nothing is saved) and what the profile keeps
// beside its target — pool maxima (application_name=max), the migrations folder, the Litestream replica folder,
// incident mode (read-only) and whether the desktop's secret service may keep the password. No password field:
// none is ever saved.
#include "connection/profilestore.h"
#include "core/expected.h"

#include <QGroupBox>

class QCheckBox;
class QLayout;
class QLineEdit;

namespace dbops {

class ProfileOptions : public QGroupBox {
    Q_OBJECT
public:
    explicit ProfileOptions(QWidget *parent = nullptr);
    // Fills every field from `profile` (its target is the dialog's business).
    void setProfile(const Profile &profile);
    QString name() const;
    // `target` with the fields' options under the name; a Usage error for a bad name or pool maximum.
    Expected<Profile> profile(const Target &target) const;

private:
    // `edit` with a "…" button beside it that picks a folder titled `title`.
    QLayout *folderRow(QLineEdit *edit, const QString &title, const QString &tip);

    QLineEdit *m_name;
    QLineEdit *m_poolMaxima;
    QLineEdit *m_migrations;
    QLineEdit *m_replica;
    QCheckBox *m_readOnly;
    QCheckBox *m_keychain;
    QStringList m_retention; // kept as loaded: the Cleanup tab edits them
    QString m_settingsJson;  // likewise, from the Environment tab
};

} // namespace dbops
