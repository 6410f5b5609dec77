#include "dialogs/profileoptions.h"

#include "activity/pooloptions.h"
#include "connection/targetparser.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace dbops {

namespace {
QString poolMaximaText(const QMap<QString, int> &maxima)
{
    QStringList parts;
    for (auto it = maxima.cbegin(); it != maxima.cend(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}
} // namespace

ProfileOptions::ProfileOptions(QWidget *parent)
    : QGroupBox(tr("Save as a profile (optional)"), parent), m_name(new QLineEdit(this)),
      m_poolMaxima(new QLineEdit(this)), m_migrations(new QLineEdit(this)), m_replica(new QLineEdit(this)),
      m_readOnly(new QCheckBox(tr("Read-only (incident mode)"), this)),
      m_keychain(new QCheckBox(tr("Keep my password in the desktop's secret service"), this))
{
    setObjectName(QStringLiteral("profileOptions"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setPlaceholderText(tr("empty: connect without saving; letters, digits, _ and -"));
    m_poolMaxima->setObjectName(QStringLiteral("profilePoolMax"));
    m_poolMaxima->setPlaceholderText(tr("application_name=max, e.g. trading_bot=100, scanner=20"));
    m_migrations->setObjectName(QStringLiteral("profileMigrations"));
    m_migrations->setPlaceholderText(tr("the bot's migrations folder; empty: looked for beside the store"));
    m_readOnly->setObjectName(QStringLiteral("profileReadOnly"));
    m_readOnly->setToolTip(tr("Nothing that writes (backup restore, cleanup, maintenance, terminate) runs "
                              "while this profile is open"));
    m_keychain->setObjectName(QStringLiteral("profileKeychain"));
    m_keychain->setToolTip(tr("Off: the password comes from ~/.pgpass or is asked at each connect. Never "
                              "written to the profiles file either way"));
    m_replica->setObjectName(QStringLiteral("profileReplica"));
    m_replica->setPlaceholderText(tr("where Litestream keeps this store's replica; empty: none"));
    m_replica->setToolTip(tr("Backups, restore to a moment and “Protect continuously…” use it (dbops backups, "
                             "restore --at and protect too, without --replica)"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Profile name"), m_name);
    form->addRow(tr("Pool maxima"), m_poolMaxima);
    form->addRow(tr("Migrations folder"),
                 folderRow(m_migrations, tr("Migrations folder"), tr("Choose the migrations folder")));
    form->addRow(tr("Litestream replica folder"),
                 folderRow(m_replica, tr("Litestream replica folder"), tr("Choose the Litestream replica folder")));
    form->addRow(m_readOnly);
    form->addRow(m_keychain);
}

QLayout *ProfileOptions::folderRow(QLineEdit *edit, const QString &title, const QString &tip)
{
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tip);
    connect(browse, &QToolButton::clicked, this, [this, edit, title] {
        const QString dir = QFileDialog::getExistingDirectory(this, title, edit->text());
        if (!dir.isEmpty())
            edit->setText(dir);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

void ProfileOptions::setProfile(const Profile &profile)
{
    m_name->setText(profile.name);
    m_poolMaxima->setText(poolMaximaText(profile.poolMaxima));
    m_migrations->setText(profile.migrationsDir);
    m_replica->setText(profile.replicaDir);
    m_readOnly->setChecked(profile.readOnly);
    m_keychain->setChecked(profile.keychain);
    m_retention = profile.retentionPolicies;
    m_settingsJson = profile.settingsJson;
}

QString ProfileOptions::name() const { return m_name->text().trimmed(); }

Expected<Profile> ProfileOptions::profile(const Target &target) const
{
    if (!TargetParser::looksLikeProfileName(name()))
        return Error::make(ErrorCode::Usage, tr("“%1” is not a valid profile name").arg(name()),
                           tr("use letters, digits, '_' or '-'"));
    auto maxima = PoolOptions::parsePoolMaxima(m_poolMaxima->text());
    if (!maxima)
        return maxima.error();
    Profile p;
    p.name = name();
    p.target = target;
    p.target.pg.password.clear(); // never saved
    p.target.profileName = p.name;
    p.poolMaxima = maxima.value();
    p.migrationsDir = m_migrations->text().trimmed();
    p.replicaDir = m_replica->text().trimmed();
    p.readOnly = m_readOnly->isChecked();
    p.keychain = m_keychain->isChecked();
    p.retentionPolicies = m_retention;
    p.settingsJson = m_settingsJson;
    return p;
}

} // namespace dbops
