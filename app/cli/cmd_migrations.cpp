// dbops migrations: which migration tool(s) a store uses, the current version, what is applied, failed,
// dirty or locked, and — with a migrations folder — what is pending, missing, changed or out of order.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "schema/migrationprobe.h"
#include "schema/timevalue.h"

#include <QDir>
#include <QTextStream>

namespace dbops::cli {
namespace {

void printList(QTextStream &out, const MigrationState &s, const char *label, const QList<MigrationEntry> &list)
{
    for (const MigrationEntry &e : list)
        out << "  " << label << ' ' << s.label(e)
            << (e.file.isEmpty() ? QString() : QStringLiteral("  (") + e.file + QLatin1Char(')')) << '\n';
}

void printFolder(QTextStream &out, const MigrationState &s)
{
    if (!s.folder.isEmpty())
        out << "  folder  " << s.folder << " (" << s.folderWhy << ")\n";
    else if (s.tool != QLatin1String("user_version") && s.tool != QLatin1String("schema_version_file") &&
             s.tool != QLatin1String("liquibase"))
        out << "  folder  none found beside the store: pending unknown (--dir PATH compares with one)\n";
}

void printState(QTextStream &out, const MigrationState &s)
{
    out << s.tool << (s.store.isEmpty() ? QString() : QStringLiteral(" in ") + s.store) << "  [" << s.table << "]  "
        << s.status().toUpper() << '\n';
    if (!s.unreadable.isEmpty()) {
        out << "  UNREADABLE: " << s.unreadable << '\n';
        return;
    }
    out << "  current " << (s.current.isEmpty() ? QStringLiteral("(none)") : s.current) << ", "
        << Format::count(s.applied.size()) << " applied";
    if (!s.applied.isEmpty()) {
        const MigrationEntry &last = s.applied.last();
        out << ", last " << s.label(last);
        if (!last.appliedAt.isEmpty())
            out << " at " << TimeValue::display(last.appliedAt);
    }
    out << '\n';
    printFolder(out, s);
    if (s.dirty)
        out << "  DIRTY: version " << s.current << " was left half-applied\n";
    if (s.locked)
        out << "  lock: " << s.lockNote << '\n';
    printList(out, s, "failed ", s.failed);
    printList(out, s, "pending", s.pending);
    printList(out, s, "missing", s.missingFiles);
    printList(out, s, "changed", s.changed);
    printList(out, s, "out-of-order", s.outOfOrder);
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
                 QStringLiteral("The migrations folder to compare with (default: the profile's, the one the console "
                                "remembers, the bot's MIGRATIONS_DIR / settings.json migrations_dir, else a "
                                "migrations folder beside the store)."),
                 QStringLiteral("PATH")});
}

// The bot's own word on its migrations folder: from the environment detection that found the store, or with
// --db from the settings.json given with --settings (the shell's MIGRATIONS_DIR may be another bot's).
Expected<SettingOrigin> botSetting(const Invocation &in)
{
    for (const SettingOrigin &o : in.detected().origins)
        if (o.setting == QLatin1String("migrations"))
            return o;
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("db")) || !p.isSet(QStringLiteral("settings")))
        return SettingOrigin{};
    return EnvDetector::migrationsDir(QProcessEnvironment(), QDir::currentPath(), p.value(QStringLiteral("settings")));
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
    auto bot = botSetting(in);
    if (!bot)
        return in.fail(bot.error());
    const MigrationsFolder folder =
        MigrationsFolders().choose(in.target(), in.options().value(QStringLiteral("dir")), bot.value());
    auto report = MigrationProbe::collect(in.target(), SessionOptions::monitor(), folder);
    if (!report)
        return in.failRead(report.error());
    output(report.value(), in.json(), printText);
    return exitFor(report->status());
}

const RegisterCommand
    reg({QStringLiteral("migrations"), QStringLiteral("migration tool, version, pending / missing / dirty migrations"),
         QStringLiteral(
             "Show the migration state of a store: the tool(s) found (schema_migrations, golang-migrate, Rails, "
             "Flyway, Liquibase, Alembic, Django, knex, Prisma, node-pg-migrate, TypeORM, Sequelize, Drizzle, "
             "PRAGMA user_version, .schema_version files), the current version, failed / dirty / locked state, "
             "and, compared with a migrations folder (--dir, the profile's, the bot's settings', else one beside "
             "the store), the pending, missing, changed and out-of-order migrations. Exit 0 ok, 1 pending / "
             "missing / changed / locked, 2 failed or dirty, 3 the store could not be read."),
         TargetUse::Store, addOptions, run});

} // namespace
} // namespace dbops::cli
