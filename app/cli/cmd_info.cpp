// dbops info: the overview of a store (engine, version, size, tables, journal mode / WAL, connections).
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/printable.h"
#include "probe/overview.h"
#include "schema/bottables.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

void printStore(QTextStream &out, const Overview &o, const QString &indent)
{
    if (o.engine == QLatin1String("duckdb")) {
        out << indent << "engine      duckdb\n" << indent << "database    " << o.database << '\n';
        out << indent << "size        " << Format::bytes(o.sizeBytes) << " (WAL " << Format::bytes(o.walBytes)
            << "), modified " << Format::moment(o.modified) << '\n';
        out << indent << "note        " << o.note << '\n';
        return;
    }
    out << indent << "engine      " << o.engine << ' ' << o.version << '\n';
    out << indent << "database    " << o.database << '\n';
    out << indent << "size        " << Format::bytes(o.sizeBytes);
    if (o.engine == QLatin1String("sqlite") && o.stores.isEmpty())
        out << " (journal " << o.journalMode << ", WAL " << Format::bytes(o.walBytes) << ')';
    out << '\n';
    if (o.engine == QLatin1String("postgresql")) {
        out << indent << "connections " << o.connections << " of max_connections " << o.maxConnections << " ("
            << o.reservedConnections << " reserved)\n";
        out << indent << "uptime      " << o.uptimeSeconds / 3600 << " h " << (o.uptimeSeconds % 3600) / 60 << " min"
            << (o.inRecovery ? " (standby)" : "") << '\n';
    }
    out << indent << "tables (" << o.tables.size() << ")  " << Printable::name(o.tables.join(QStringLiteral(", ")))
        << '\n';
    if (!o.botTables)
        out << indent << "note        " << BotTables::noneFound() << '\n';
    if (!o.schema.isEmpty())
        out << indent << o.schema << '\n';
}

QJsonObject infoJson(const DetectedTarget &detected, const Overview &overview)
{
    QJsonObject o = overview.toJson();
    QJsonArray origins;
    for (const SettingOrigin &s : detected.origins)
        origins.append(QJsonObject{{QStringLiteral("setting"), s.setting},
                                   {QStringLiteral("value"), s.value},
                                   {QStringLiteral("source"), s.source}});
    o.insert(QStringLiteral("target_origins"), origins);
    o.insert(QStringLiteral("status"), QStringLiteral("ok"));
    return o;
}

void printText(const DetectedTarget &detected, const Overview &overview)
{
    QTextStream out(stdout);
    for (const SettingOrigin &s : detected.origins)
        out << "# " << s.setting << " = " << s.value << "  (from " << s.source << ")\n";
    printStore(out, overview, QString());
    for (const Overview &store : overview.stores) {
        out << '\n';
        printStore(out, store, QStringLiteral("  "));
    }
    for (const DiscoveredItem &l : overview.locks)
        out << "\nlock file   " << l.relativePath << ": " << (l.note.isEmpty() ? l.lockState() : l.note) << '\n';
    for (const QString &p : overview.problems)
        out << "problem: " << p << '\n';
}

int run(const Invocation &in)
{
    // With the schema line the console's Overview shows ("schema: v012, 3 pending").
    auto overview = OverviewProbe::collect(in.target(), SessionOptions::monitor(), true);
    if (!overview)
        return in.failRead(overview.error());
    if (in.json())
        printJson(infoJson(in.detected(), overview.value()));
    else
        printText(in.detected(), overview.value());
    return overview->problems.isEmpty() ? ExitOk : ExitWarning;
}

const RegisterCommand reg({QStringLiteral("info"), QStringLiteral("overview of a store (engine, size, tables)"),
                           QStringLiteral("Show what a store is: engine, version, size, tables, journal mode and WAL "
                                          "size, max_connections and uptime."),
                           TargetUse::Store, nullptr, run});

} // namespace
} // namespace dbops::cli
