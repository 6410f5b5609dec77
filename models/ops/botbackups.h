#pragma once
// The bot's own backups (seed 002: data/backups/<db_type>/<date>/trading_20261204T1000Z.db): plain copies of a
// store that a bot's script wrote, with no dbops manifest. dbops lists them beside its own, verifies them
// (integrity, and the checksum a sidecar gives) and restores them through the same plan as its own; it never
// writes into the bot's folder (no manifest, no verdict, never pruned).
//
// A file is a bot backup when it is a SQLite file (by its header), has no "<file>.manifest.json" beside it, and
// says it is a copy: a timestamp or date in its name, a date-named folder ("2026-12-04/"), or a checksum for it
// in a sha256sum-format "<file>.sha256" or in the folder's "manifest.json". A file named the way dbops names its
// own backups is not the bot's, even when its manifest is gone (then it fails verification, as it always did).
#include "ops/manifest.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace dbops {

struct BotBackup {
    QString path;        // absolute
    QString store;       // the name before the timestamp ("trading"), else the <db_type> folder; may be empty
    QString folderStore; // the <db_type> folder (above a date folder), else the file's folder
    QDateTime takenAt;   // UTC: from the name (no zone in it: local time), else the file's modification time
    bool takenAtFromName = false;
    qint64 bytes = 0;
    QString expectedSha256; // lower-case hex from the sidecar or the folder manifest; empty: none given
    QString checksumFile;   // the file that gave expectedSha256

    // What dbops's own code reads of a backup: engine "sqlite", kind "bot", source = store, created_at = taken_at,
    // bytes, sha256 = the expected one. No tables (the verification counts them).
    BackupManifest manifest() const;
    // Whether this may be a copy of the live store at `storePath`: names are all there is to go by, so the name's
    // store or the folder's must be the live file's name ("trading" for data/trading/trading.db) or its folder's.
    bool mayBeOf(const QString &storePath) const;
};

class BotBackups {
public:
    // Every bot backup under `dir` (at most `maxDepth` folders down), newest first. dbops's own backups (those
    // with a manifest, and the folders of data directory backups) are not looked into.
    static QList<BotBackup> scan(const QString &dir, int maxDepth = 4);
    // `path` as a bot backup, or nothing when it is not one (see above).
    static std::optional<BotBackup> identify(const QString &path);
    // The moment a file name carries: 20261204T1000Z, 20261204T100000Z, 20261204_100000, 2026-12-04T10-00-00,
    // 2026-12-04T10:00:00(.123)(Z|+01:00), 2026-12-04_10-00; invalid when there is none. `*dateOnly` is set when
    // the name holds a date without a time (then the returned value is that day's start, local time).
    static QDateTime timestampInName(const QString &fileName, QString *before = nullptr, bool *dateOnly = nullptr);
    // The checksum a "FILE.sha256" (sha256sum format, or the bare digest) or the folder's manifest.json gives for
    // `path`; empty when neither names it. `*source` is the file it came from.
    static QString expectedChecksum(const QString &path, QString *source = nullptr);
};

} // namespace dbops
