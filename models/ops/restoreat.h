#pragma once
// `restore --at TIME` (issue 15 §3): which restore point gives the store as it was at TIME. The replica when its
// window covers TIME (Litestream restores it into a scratch file named with TIME, which then goes through the
// same plan as any backup: verify, preview, safety backup, confirmation), else the newest backup of the store —
// dbops's own or the bot's — taken at or before TIME.
#include "connection/target.h"
#include "core/expected.h"
#include "ops/restoreplan.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace dbops {

struct MomentSource {
    QString kind;         // "replica" | "backup"
    QString path;         // the file the restore plan takes as its backup
    QDateTime restoredTo; // UTC: the moment the restored state is (TIME for a replica, the backup's taken_at)
    QString describe;     // "the Litestream replica in …" / "the backup … taken …"
    // `path` is a scratch copy of this restore alone (Litestream wrote it into the caller's scratch folder), so
    // every caller restores it as RestoreRequest::backupIsScratch: quick_check without a checksum, renamed into
    // a new file rather than copied. A backup picked from a folder stays where it is: false.
    bool scratch = false;

    // The restore request for this source: `base` with its backup set.
    RestoreRequest request(RestoreRequest base = {}) const;
};

class RestoreAt {
public:
    // ISO-8601 with a zone (UTC) or without (local time), or relative to `now`: "-15m", "-90s", "-2h", "-1d".
    static Expected<QDateTime> parseMoment(const QString &text, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // `replicaRoot` empty: backups only. `backupDir` empty: the default backup folder. A replica's state is written
    // into `scratchDir` (the caller's, removed after the restore).
    static Expected<MomentSource> pick(const Target &target, const QDateTime &at, const QString &replicaRoot,
                                       const QString &backupDir, const QString &scratchDir);
};

} // namespace dbops
