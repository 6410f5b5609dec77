#pragma once
// The backups in a folder (default: Paths::defaultBackupDir()), read from their manifests: what the GUI's
// backup list and `dbops backups` show. One entry per "<backup>.manifest.json" directly in the folder
// (a data directory backup is one entry; its members' manifests live inside its own folder). Temporary
// names of backups still being written are ignored. Below it, the bot's own backups (BotBackups: plain timestamped
// copies without a manifest) are listed too, origin "bot", state "unverified" (dbops records no verdict in the
// bot's folder). Newest first. No SQL, no widgets: plain values.
#include "core/expected.h"
#include "ops/botbackups.h"
#include "ops/manifest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace dbops {

struct CatalogEntry {
    QString path; // the backup file (data directory: its folder)
    QString manifestPath;
    BackupManifest manifest; // as read (empty fields when unreadable)
    Verification::State state = Verification::State::Unverified;
    QStringList problems; // the last verification's, plus "backup file missing" / "manifest unreadable"
    bool fileMissing = false;
    bool manifestUnreadable = false;
    QString origin = QStringLiteral("dbops"); // "dbops" | "bot" (the bot's own copy: a synthesized manifest)
    BotBackup bot;                            // origin "bot": what BotBackups found

    bool isBot() const { return origin == QLatin1String("bot"); }
    // The store it is a backup of: the manifest's source; a bot's backup: the name before its timestamp.
    QString store() const { return manifest.source; }

    qint64 bytes() const { return manifest.bytes; }
    qint64 ageSeconds(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // Verified and its last restore drill passed: these bytes are known to restore (`dbops drill`).
    bool proven() const
    {
        return state == Verification::State::Verified && manifest.drill.done() && manifest.drill.passed;
    }
    // "proven" | "verified" | "unverified" | "failed"
    QString stateName() const { return proven() ? QStringLiteral("proven") : Verification::stateName(state); }
    // path, manifest, engine, kind, source, created_at, age_seconds, bytes, sha256, state, problems, verified_at,
    // source_corrupt, warnings, origin, store, taken_at (= created_at), checksum_file (bot), drill (once drilled)
    QJsonObject toJson(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
};

class BackupCatalog {
public:
    // NotFound when `dir` does not exist (the default backup folder is created on first use, so it exists).
    static Expected<QList<CatalogEntry>> list(const QString &dir = {});
    static CatalogEntry entryFor(const QString &manifestPath);
    static CatalogEntry entryFor(const BotBackup &backup);
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::CatalogEntry)
