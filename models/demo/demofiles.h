#pragma once
// The non-SQLite parts of a demo data directory: migration scripts, settings.json, .schema_version, the
// DuckDB stand-in and a stale .writer.lock.
#include "core/error.h"
#include "demo/demosql.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace dbops {

class DemoFiles {
public:
    // Writes `data` to `path` (replacing it); the Error names the file.
    static Error write(const QString &path, const QByteArray &data);
    // One <version>_<name>.sql per migration section, into `dir`.
    static Error writeMigrations(const QString &dir, const QList<DemoSql::Section> &migrations);
    // {"database_type":"sqlite","db_path":"trading/trading.db"}: how seed 003's bots find their store.
    static Error writeSettingsJson(const QString &path);
    // Only a stand-in for store discovery, not a database DuckDB can open: 4096 bytes, zero except the
    // "DUCK" magic at offset 8 and the storage version (64, DuckDB 0.9 .. 1.1) at offset 12.
    static Error writeDuckDbStandIn(const QString &path);
    // A .writer.lock left behind by a bot that died: a realistic PID, picked near `hint` and checked not to
    // be alive now (PIDs are reused, so a lock can only ever be judged stale at the moment it is checked).
    // Returns the PID written, or 0 with *error set.
    static qint64 writeStaleLock(const QString &path, qint64 hint, Error *error);
};

} // namespace dbops
