#include "ops/sqlitevacuumcopy.h"

#include "connection/connector.h"
#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"
#include "ops/copyquickcheck.h"
#include "ops/durablefile.h"
#include "ops/sha256.h"
#include "ops/sqlitestoreinfo.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace dbops {

namespace {

Error vacuumInto(const QString &source, const QString &into)
{
    // A read-only open without query_only (which refuses VACUUM INTO): the source cannot be written, and the
    // backup runs in incident mode too.
    SqliteHandle db;
    if (Error e = db.open(source, SqliteHandle::Mode::ReadOnly, SessionOptions().sqliteBusyTimeoutMs))
        return e;
    const auto done = db.query(SqlText::sqlite("backup_vacuum_into", "vacuum_into"), {into});
    return done ? Error{} : done.error();
}

} // namespace

Expected<SqliteSnapshotInfo> SqliteVacuumCopy::copy(const QString &source, DurableFile &out, const OpControl &control)
{
    if (Error e = Connector::checkSqliteFile(source))
        return e;
    control.report(0, 3, QStringLiteral("VACUUM INTO")); // label, not SQL
    if (Error e = vacuumInto(source, out.tempPath()))
        return e;
    if (control.cancelled())
        return Error::make(ErrorCode::Cancelled, QStringLiteral("backup of %1 cancelled").arg(source));

    CopyQuickCheck check(out.tempPath(), control.token); // beside the checksum and the counts
    SqliteSnapshotInfo info;
    info.snapshotAttempts = 1;
    control.report(1, 3, QStringLiteral("checksum"));
    auto sha = Sha256::ofFile(out.tempPath(), control);
    if (!sha)
        return sha.error();
    info.sha256 = sha.value();
    info.bytes = QFileInfo(out.tempPath()).size();

    control.report(2, 3, QStringLiteral("counting rows"));
    SqliteHandle copy;
    if (Error e = copy.open(out.tempPath(), SqliteHandle::Mode::Immutable))
        return e;
    copy.setCancelToken(control.token);
    auto mode = copy.scalar(SqlText::sqlite("common", "journal_mode"));
    auto pageSize = copy.scalar(SqlText::sqlite("common", "page_size"));
    auto pages = copy.scalar(SqlText::sqlite("common", "page_count"));
    info.journalMode = mode ? mode->toString().toLower() : QString();
    info.pageSize = pageSize ? pageSize->toInt() : 0;
    info.pageCount = pages ? quint32(pages->toLongLong()) : 0;
    info.userVersion = SqliteStoreInfo::userVersion(copy);
    info.migrationVersion = SqliteStoreInfo::migrationVersion(copy);
    auto tables = SqliteStoreInfo::tables(copy);
    if (!tables)
        return tables.error();
    for (const SqliteTable &t : tables.value()) {
        auto rows = SqliteStoreInfo::countRows(copy, t.name);
        if (!rows)
            return rows.error();
        info.tables << TableRows{t.name, rows.value(), {}};
    }
    control.report(3, 3, QStringLiteral("counting rows"));
    auto checked = check.result();
    if (!checked)
        return checked.error();
    info.quickCheck = checked.value();
    return info;
}

} // namespace dbops
