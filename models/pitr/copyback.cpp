#include "pitr/copyback.h"

#include "audit/auditlog.h"
#include "connection/connector.h"
#include "core/incidentmode.h"
#include "core/paths.h"
#include "dialect/sqltext.h"
#include "ops/backupnaming.h"
#include "ops/pgtools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace dbops {

namespace {

Expected<qint64> countRows(const Target &target, const PgName &name)
{
    ScopedConnection c(target, SessionOptions::monitor(), QStringLiteral("copyback"));
    if (!c.ok())
        return c.error();
    QSqlQuery q(c.db());
    if (q.exec(SqlText::postgresql("backup_snapshot", "count_rows", {{"table", name.sql()}})) && q.next())
        return q.value(0).toLongLong();
    if (q.lastError().nativeErrorCode() == QLatin1String("42P01"))
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("there is no table %1 in %2").arg(name.display(), target.display()),
                           QStringLiteral("name it as compare lists it (schema.table)"));
    return Connector::classify(q.lastError(), target, QStringLiteral("count the rows of %1 in").arg(name.display()));
}

// The live server's major version (for pg_dump/psql), and no ON DELETE action that would reach other tables.
Expected<int> checkLive(const Target &live, const PgName &name)
{
    ScopedConnection c(live, SessionOptions::monitor(), QStringLiteral("copyback"));
    if (!c.ok())
        return c.error();
    QSqlQuery q(c.db());
    q.prepare(SqlText::postgresql("copy_back", "cascading_references"));
    q.addBindValue(name.sql());
    if (!q.exec())
        return Connector::classify(q.lastError(), live, QStringLiteral("read the foreign keys of"));
    QStringList reaching;
    while (q.next())
        reaching << QStringLiteral("%1 (%2)").arg(q.value(0).toString(), q.value(1).toString());
    if (!reaching.isEmpty())
        return Error::make(ErrorCode::Refused,
                           QStringLiteral("copy-back of %1 refused: deleting its rows would cascade into %2")
                               .arg(name.display(), reaching.join(QStringLiteral(", "))),
                           QStringLiteral("copy those rows back by hand (the side instance holds them)"));
    QSqlQuery v(c.db());
    if (!v.exec(SqlText::postgresql("copy_back", "server_version")) || !v.next())
        return Connector::classify(v.lastError(), live, QStringLiteral("read the version of"));
    return v.value(0).toInt();
}

Error runTool(const QString &program, int major, const Target &target, const QStringList &args,
              const OpControl &control)
{
    auto tool = PgTools::find(program, major);
    if (!tool)
        return tool.error();
    PgInvocation inv(target, SessionOptions::action());
    if (Error e = inv.prepare())
        return e;
    return PgTools::run(tool->path, args + inv.connectionArgs(), inv.environment(), control, [](const QString &) {});
}

Expected<QString> safetyDump(const Target &live, const PgName &name, const QString &dir, int major,
                             const OpControl &control)
{
    const QString folder = dir.isEmpty() ? Paths::defaultBackupDir() : dir;
    if (!QDir().mkpath(folder))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot create the safety folder %1").arg(folder),
                           QStringLiteral("check its parent's permissions, or give another with --safety-dir"));
    QString stem = name.key();
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    const QString path = BackupNaming::freshName(folder, stem, QStringLiteral(".dump"), QStringLiteral("safety"),
                                                 QStringLiteral("copy-back"));
    control.report(0, 3, QStringLiteral("safety dump of %1").arg(name.display()));
    if (Error e = runTool(QStringLiteral("pg_dump"), major, live,
                          {QStringLiteral("--format=custom"), QStringLiteral("--file=") + path,
                           QStringLiteral("--table=") + name.sql()},
                          control)) {
        QFile::remove(path);
        return e;
    }
    return path;
}

// The side instance's rows as pg_dump writes them (COPY with a column list), sequence positions left out.
Error sideData(const Target &side, const PgName &name, int major, const QString &file, const OpControl &control)
{
    control.report(1, 3, QStringLiteral("reading %1 from the side instance").arg(name.display()));
    if (Error e = runTool(
            QStringLiteral("pg_dump"), major, side,
            {QStringLiteral("--data-only"), QStringLiteral("--file=") + file, QStringLiteral("--table=") + name.sql()},
            control))
        return e;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, QStringLiteral("cannot read %1").arg(file));
    // pg_dump's own lines are told from the rows by where they stand: rows only inside COPY … \. blocks. Its
    // "SET lock_timeout = 0;" goes too: it would lift the prelude's limit for the COPY, which then waited for ever
    // on a row a bot's open transaction inserts with the same key (and the bot's writes queued behind it).
    static const QRegularExpression copyStart(QStringLiteral("^COPY "));
    static const QRegularExpression setval(QStringLiteral("^SELECT pg_catalog\\.setval\\("));
    static const QRegularExpression lockTimeout(QStringLiteral("^SET lock_timeout = "));
    QByteArray kept;
    bool rows = false;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        const QString text = QString::fromUtf8(line);
        if (rows)
            rows = line != "\\.\n";
        else if (copyStart.match(text).hasMatch())
            rows = true;
        else if (setval.match(text).hasMatch() || lockTimeout.match(text).hasMatch())
            continue;
        kept += line;
    }
    f.close();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(kept) != kept.size())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1").arg(file));
    return {};
}

} // namespace

namespace {

// The prelude and the side instance's rows in one psql transaction; anything failing rolls it all back.
Error load(const Target &live, const CopyBackRequest &request, const PgName &name, int major, const QString &dir,
           const QString &data, const OpControl &control)
{
    control.report(2, 3, QStringLiteral("replacing the rows of %1").arg(name.display()));
    const QString prelude = dir + QStringLiteral("/prelude.sql");
    QFile f(prelude);
    const QByteArray sql =
        SqlText::postgresql("copy_back", "prelude",
                            {{"milliseconds", QString::number(request.lockTimeoutMs)}, {"table", name.sql()}})
            .toUtf8() +
        '\n';
    if (!f.open(QIODevice::WriteOnly) || f.write(sql) != sql.size())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1").arg(prelude));
    f.close();
    Error e = runTool(QStringLiteral("psql"), major, live,
                      {QStringLiteral("--no-psqlrc"), QStringLiteral("--quiet"),
                       QStringLiteral("--set=ON_ERROR_STOP=1"), QStringLiteral("--single-transaction"),
                       QStringLiteral("--file=") + prelude, QStringLiteral("--file=") + data},
                      control);
    if (!e)
        return {};
    static const QRegularExpression errorLine(QStringLiteral("ERROR:[^\\n]*"));
    const QString why = errorLine.match(e.detail).captured(0);
    e.message = QStringLiteral("copy-back of %1 into %2 failed and was rolled back (the live table is unchanged): %3")
                    .arg(name.display(), live.display(), why.isEmpty() ? e.message : why);
    if (why.contains(QLatin1String("foreign key")))
        e.hint = QStringLiteral("the side instance's rows do not fit the live database's other tables: copy the "
                                "referenced table back first, or repair it by hand");
    return e;
}

void audit(const Target &live, const Target &side, const CopyBackResult &r, const Error &e)
{
    AuditRecord record;
    record.target = live.display();
    record.action = QStringLiteral("copy-back");
    record.parameters = QStringLiteral("table=%1 with=%2").arg(r.table.key(), side.display());
    record.outcome = !e                                 ? QStringLiteral("ok")
                     : e.code == ErrorCode::Cancelled   ? QStringLiteral("cancelled")
                     : IncidentMode::isIncidentError(e) ? QStringLiteral("refused")
                                                        : QStringLiteral("failed");
    record.detail =
        e ? e.oneLine()
          : QStringLiteral("%1 rows replaced by %2; safety dump %3").arg(r.rowsNow).arg(r.rowsAfter).arg(r.safetyDump);
    AuditLog().append(record);
}

} // namespace

PgName CopyBack::nameOf(const QString &table)
{
    const int dot = table.indexOf(QLatin1Char('.'));
    return dot < 0 ? PgName{QStringLiteral("public"), table} : PgName{table.left(dot), table.mid(dot + 1)};
}

QJsonObject CopyBackResult::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), applied ? QStringLiteral("copied") : QStringLiteral("preview")},
                  {QStringLiteral("table"), table.key()},
                  {QStringLiteral("rows_now"), double(rowsNow)},
                  {QStringLiteral("rows_after"), double(rowsAfter)}};
    if (applied) {
        o.insert(QStringLiteral("safety_dump"), safetyDump);
        o.insert(QStringLiteral("duration_ms"), double(durationMs));
    }
    return o;
}

Expected<CopyBackResult> CopyBack::preview(const Target &live, const Target &side, const CopyBackRequest &request,
                                           const OpControl &)
{
    CopyBackResult r;
    r.table = nameOf(request.table);
    auto now = countRows(live, r.table);
    if (!now)
        return now.error();
    auto after = countRows(side, r.table);
    if (!after)
        return after.error();
    r.rowsNow = now.value();
    r.rowsAfter = after.value();
    return r;
}

Expected<CopyBackResult> CopyBack::apply(const Target &live, const Target &side, const CopyBackRequest &request,
                                         const OpControl &control)
{
    QElapsedTimer timer;
    timer.start();
    auto r = preview(live, side, request, control);
    if (!r)
        return r.error();
    Error e = IncidentMode::refuse(QStringLiteral("copy-back of %1 into %2").arg(r->table.display(), live.display()));
    auto major = e ? Expected<int>(e) : checkLive(live, r->table);
    QTemporaryDir scratch;
    auto dump = major ? safetyDump(live, r->table, request.safetyDir, major.value(), control)
                      : Expected<QString>(major.error());
    if (!dump)
        e = dump.error();
    const QString data = scratch.filePath(QStringLiteral("rows.sql"));
    if (!e)
        e = sideData(side, r->table, major.value(), data, control);
    if (!e)
        e = load(live, request, r->table, major.value(), scratch.path(), data, control);
    if (dump)
        r->safetyDump = dump.value();
    if (!e) {
        auto after = countRows(live, r->table);
        if (after && after.value() != r->rowsAfter)
            e = Error::make(ErrorCode::Internal, QStringLiteral("after the copy-back %1 holds %2 rows, not %3")
                                                     .arg(r->table.display())
                                                     .arg(after.value())
                                                     .arg(r->rowsAfter));
    }
    r->applied = !e;
    r->durationMs = timer.elapsed();
    audit(live, side, r.value(), e);
    if (e)
        return e;
    return r;
}

} // namespace dbops
