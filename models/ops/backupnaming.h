#pragma once
// Where backups go and what they are called: the folder of a request, the id that says "the same database"
// across backups, and a fresh timestamped name. Shared by every engine and the catalog's readers.
#include "connection/target.h"
#include "ops/backupresult.h"

#include <QString>

namespace dbops {

class BackupNaming {
public:
    // "<stem>-YYYYMMDD-HHMMSSZ<suffix>" in `dir`, not yet taken (neither it nor its manifest exists).
    static QString freshName(const QString &dir, const QString &stem, const QString &suffix, const QString &kind,
                             const QString &precedes = QStringLiteral("restore"));
    // Whether `fileName` has the shape freshName gives ("…-20261204-101500Z[-N].db"): a dbops backup, also when its
    // manifest is gone (then it is not vouched for; never taken for the bot's own copy).
    static bool isOwnName(const QString &fileName);
    // What identifies "the same database" across backups: canonical path, or host:port/db.
    static QString sourceId(const Target &target);
    // Whether two source ids name one database: equal, or a PostgreSQL database on the same port and name of this
    // machine reached as localhost, 127.0.0.1, ::1 or a socket folder (a backup taken through one is of the same
    // database as the store reached through another). Every "is it a backup of this store" test goes through it.
    static bool sameSource(const QString &a, const QString &b);
    // Empty when `manifest` is a backup of the database `expectedSourceId` names; else, in words, whose it is
    // ("it is a backup of another database (…), not of …"): restore and drill refuse with it.
    static QString otherSource(const BackupManifest &manifest, const QString &expectedSourceId);
    static QString outDirFor(const BackupRequest &request);
};

} // namespace dbops
