// dbops migrations: which migration tool(s) a store uses, the current version, what is applied, failed,
// dirty or locked, and — with a migrations folder — what is pending, missing, changed or out of order.
#include "cliutil.h"
#include "command.h"
#include "connection/profilestore.h"
#include "schema/migrationprobe.h"

#include <QDir>
#include <QTextStream>

namespace dbops::cli {
namespace {

void printList(QTextStream &out, const char *label, const QList<MigrationEntry> &list)
{
    for (const MigrationEntry &e : list)
        out << "  " << label << ' ' << e.version << (e.name.isEmpty() ? QString() : QStringLiteral("  ") + e.name)
            << (e.file.isEmpty() ? QString() : QStringLiteral("  (") + e.file + QLatin1Char(')')) << '\n';
}

void printState(QTextStream &out, const MigrationState &s)
{
    out << s.tool << (s.store.isEmpty() ? QString() : QStringLiteral(" in ") + s.store) << "  [" << s.table << "]  "
        << s.status().toUpper() << '\n';
    out << "  current " << (s.current.isEmpty() ? QStringLiteral("(none)") : s.current) << ", " << s.applied.size()
        << " applied";
    if (!s.applied.isEmpty() && !s.applied.last().appliedAt.isEmpty())
        out << ", last at " << s.applied.last().appliedAt;
    out << '\n';
    if (s.dirty)
        out << "  DIRTY: version " << s.current << " was left half-applied\n";
    if (s.locked)
        out << "  lock: " << s.lockNote << '\n';
    printList(out, "failed ", s.failed);
    printList(out, "pending", s.pending);
    printList(out, "missing", s.missingFiles);
    printList(out, "changed", s.changed);
    printList(out, "out-of-order", s.outOfOrder);
    for (const QString &n : s.notes)
        out << "  note: " << n << '\n';
}

int exitFor(const QString &status)
{
    return status == QLatin1String("critical") ? ExitCritical : status == QLatin1String("warn") ? ExitWarning : ExitOk;
}

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("The migrations folder to compare with (default: the profile's)."),
                 QStringLiteral("PATH")});
}

// --dir, else the profile's migrations folder; absolute, as the report names it.
QString migrationsFolder(const QCommandLineParser &p, const Target &target)
{
    QString folder = p.value(QStringLiteral("dir"));
    if (folder.isEmpty() && !target.profileName.isEmpty())
        if (auto profile = ProfileStore().find(target.profileName))
            folder = profile->migrationsDir;
    return folder.isEmpty() ? folder : QDir(folder).absolutePath();
}

void printText(QTextStream &out, const MigrationReport &report)
{
    out << report.summary() << '\n';
    for (const MigrationState &s : report.tools) {
        out << '\n';
        printState(out, s);
    }
    for (const QString &p : report.problems)
        out << "problem: " << p << '\n';
}

int run(const Invocation &in)
{
    const QString folder = migrationsFolder(in.options(), in.target());
    auto report = MigrationProbe::collect(in.target(), SessionOptions::monitor(), folder);
    if (!report)
        return in.fail(report.error());
    output(report.value(), in.json(), printText);
    return exitFor(report->status());
}

const RegisterCommand reg(
    {QStringLiteral("migrations"), QStringLiteral("migration tool, version, pending / missing / dirty migrations"),
     QStringLiteral("Show the migration state of a store: the tool(s) found (schema_migrations, golang-migrate, Rails, "
                    "Flyway, Liquibase, Alembic, Django, knex, Prisma, node-pg-migrate, TypeORM, Sequelize, Drizzle, "
                    "PRAGMA user_version, .schema_version files), the current version, failed / dirty / locked state, "
                    "and with --dir the pending, missing, changed and out-of-order migrations. Exit 0 ok, 1 pending / "
                    "missing / changed / locked, 2 failed or dirty."),
     TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
