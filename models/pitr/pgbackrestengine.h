#pragma once
// The pgBackRest engine: runs the `pgbackrest` binary (as the cluster's owner, `postgres`, through runuser when
// dbops runs as root: pgBackRest refuses to run as root and must read the data directory) and reads its JSON.
// `configFile` empty: pgBackRest's own default (/etc/pgbackrest/pgbackrest.conf, or PGBACKREST_CONFIG).
#include "pitr/pitrengine.h"

#include <QStringList>

namespace dbops {

// pgBackRest's detail log turned into progress reports ("pgbackrest backup" or "… restore", 0..10000): a value
// only when it changed, since the log repeats one for every small file (hundreds of "(0B, 100.00%)" at the end).
class PgBackRestProgress {
public:
    PgBackRestProgress(const OpControl &control, const QString &what) : m_control(control), m_what(what) {}
    void line(const QByteArray &line);

private:
    const OpControl &m_control;
    QString m_what;
    qint64 m_last = -1;
};

struct PgBackRestRun {
    int exitCode = -1;
    QByteArray out;
    QString errorLine; // pgBackRest's first "ERROR:" line, else the last line it wrote on stderr
};

class PgBackRestEngine : public PitrEngine {
public:
    explicit PgBackRestEngine(const QString &configFile = {}, const QString &osUser = QStringLiteral("postgres"));

    QString name() const override { return QStringLiteral("pgbackrest"); }
    Expected<QList<PitrInfo>> info(const QString &stanza = {}) const override;
    Expected<PitrBackup> backup(const PitrBackupRequest &request, const OpControl &control) const override;
    Error restore(const PitrRestoreRequest &request, const OpControl &control) const override;
    // The moment as pgBackRest's --target wants it: "YYYY-MM-DD HH:MM:SS.ffffff+00".
    static QString targetTime(const QDateTime &moment);
    // stanza-create, then check: what pitr-setup --yes runs once archive_command is in place.
    Error stanzaCreate(const QString &stanza) const;
    Error check(const QString &stanza) const;

    // The `pgbackrest` binary on PATH; Unsupported naming the Debian package when there is none.
    static Expected<QString> binary();
    // The command line as it runs: runuser in front when dbops is root. Shown by pitr-setup.
    QStringList commandLine(const QStringList &args) const;
    const QString &configFile() const { return m_config; }
    // The stanza sections of the configuration file in effect (empty when it cannot be read): a stanza that keeps
    // its repository in its own section is not listed by `info` without --stanza when [global] names another.
    QStringList configuredStanzas() const;
    const QString &osUser() const { return m_osUser; }
    // pgBackRest's progress in a line of its detail log ("… (16MB, 52.05%) checksum …"): percent, or -1.
    static double progressOf(const QByteArray &line);

private:
    Expected<PgBackRestRun> run(const QStringList &args, const OpControl *control = nullptr) const;
    Error runChecked(const QStringList &args, const QString &what, const OpControl *control = nullptr) const;

    QString m_config;
    QString m_osUser;
};

} // namespace dbops
