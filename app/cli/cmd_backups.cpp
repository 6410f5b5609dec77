// dbops backups: the backups in the backup folder, from their manifests (state, age, size, source), the bot's own
// copies found under it, and with --replica the restorable window of the store's Litestream replica.
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/paths.h"
#include "core/printable.h"
#include "ops/backupcatalog.h"
#include "ops/litestream.h"
#include "pitroptions.h"

#include <QJsonArray>
#include <QTextStream>
#include <optional>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("dir"),
                 QStringLiteral("The backup folder to list (the bot's own timestamped copies under it included)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("replica"),
                 QStringLiteral("Also read the Litestream replica of --db's store under DIR (see `dbops protect`): "
                                "its restorable window and lag. Default: the replica= folder of --db's profile."),
                 QStringLiteral("DIR")});
    addPitrOptions(p);
}

void printText(const QList<CatalogEntry> &entries, const QDateTime &now)
{
    QTextStream out(stdout);
    if (entries.isEmpty())
        out << "no backups\n";
    for (const CatalogEntry &e : entries) {
        out << qSetFieldWidth(11) << Qt::left << e.stateName() << qSetFieldWidth(0) << ' ' << qSetFieldWidth(12)
            << Format::age(e.manifest.createdAt, now) << qSetFieldWidth(0) << ' ' << qSetFieldWidth(10)
            << Format::bytes(e.manifest.bytes) << qSetFieldWidth(0) << ' ' << qSetFieldWidth(10) << e.manifest.engine
            << qSetFieldWidth(0) << ' ' << e.path << '\n';
        if (e.isBot())
            out << "            the bot's own copy of " << Printable::name(e.store())
                << (e.bot.checksumFile.isEmpty() ? QString() : QStringLiteral(", checksum in ") + e.bot.checksumFile)
                << '\n';
        else if (!e.manifest.source.isEmpty())
            out << "            source " << e.manifest.source << '\n';
        for (const QString &p : e.problems)
            out << "            problem: " << Printable::name(p) << '\n';
        if (e.manifest.sourceCorrupt)
            out << "            source corrupt: " << Printable::name(e.manifest.warnings.join(QStringLiteral("; ")))
                << '\n';
    }
}

// The window of --db's replica under --replica DIR, else under the folder its profile keeps (replica=); nothing when
// neither names a folder.
Expected<std::optional<ReplicaWindow>> replicaOf(const Invocation &in)
{
    const QCommandLineParser &p = in.options();
    if (!p.isSet(QStringLiteral("replica")) && !p.isSet(QStringLiteral("db")))
        return std::optional<ReplicaWindow>();
    auto target = in.resolveTarget();
    if (!target)
        return target.error();
    const QString replicaRoot = replicaFolder(p, target->target);
    if (replicaRoot.isEmpty())
        return std::optional<ReplicaWindow>();
    if (target->target.kind != Target::Kind::SqliteFile)
        return Error::make(ErrorCode::Usage, QStringLiteral("--replica reads the replica of one SQLite store"),
                           QStringLiteral("pass --db with the store's file (data/trading/trading.db)"));
    auto binary = Litestream::find();
    if (!binary)
        return binary.error();
    auto window = Litestream::window(binary.value(), replicaRoot, target->target.path);
    if (!window)
        return window.error();
    return std::optional<ReplicaWindow>(window.value());
}

void printReplica(const ReplicaWindow &w)
{
    QTextStream out(stdout);
    out << "replica    litestream " << w.replicaPath << '\n';
    if (w.empty()) {
        out << "           nothing replicated yet\n";
        return;
    }
    out << "           restorable from " << Format::momentUtc(w.restorableFrom) << " to "
        << Format::momentUtc(w.restorableTo) << ", lag " << QString::number(w.lagS, 'f', 1) << " s, "
        << w.generations.size() << " generation(s)\n";
}

// The pgBackRest stanza of a PostgreSQL --db: no value when none is configured for it.
Expected<std::optional<PitrInfo>> pitrOf(const Invocation &in)
{
    const bool named = in.options().isSet(QStringLiteral("stanza"));
    if (!in.options().isSet(QStringLiteral("db")) && !named)
        return std::optional<PitrInfo>();
    auto target = in.resolveTarget();
    if (!target)
        return target.error();
    if (!target->target.isPostgres())
        return named
                   ? Expected<std::optional<PitrInfo>>(Error::make(
                         ErrorCode::Usage, QStringLiteral("--stanza names a pgBackRest stanza of a PostgreSQL server"),
                         QStringLiteral("pass --db with the server's URI or profile")))
                   : std::optional<PitrInfo>();
    return PitrLocator::find(target->target, pitrSource(in.options(), target->target));
}

void printPitr(const PitrInfo &p)
{
    QTextStream out(stdout);
    out << "pitr       " << p.engine << " stanza " << p.stanza << " (" << p.status << ")\n";
    for (const PitrBackup &b : p.backups)
        out << "           " << qSetFieldWidth(24) << Qt::left << b.label << qSetFieldWidth(0) << ' '
            << qSetFieldWidth(5) << b.type << qSetFieldWidth(0) << ' ' << Format::momentUtc(b.stop) << "  "
            << Format::bytes(b.bytes) << '\n';
    if (p.restorableFrom.isValid())
        out << "           restorable from " << Format::momentUtc(p.restorableFrom) << " to "
            << Format::momentUtc(p.restorableTo) << '\n'; // in the words of the backup lines above
    else
        out << "           no backup yet: nothing restorable\n";
}

int run(const Invocation &in)
{
    const QString dir = in.options().value(QStringLiteral("dir"));
    const auto replica = replicaOf(in);
    if (!replica)
        return in.fail(replica.error());
    auto pitr = pitrOf(in);
    if (!pitr)
        return in.fail(pitr.error());
    auto entries = BackupCatalog::list(dir);
    if (!entries)
        return in.fail(entries.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (in.json()) {
        QJsonArray list;
        for (const CatalogEntry &e : entries.value())
            list.append(e.toJson(now));
        QJsonObject o{{QStringLiteral("status"), QStringLiteral("ok")},
                      {QStringLiteral("dir"), dir.isEmpty() ? Paths::defaultBackupDir() : dir}, // the folder read
                      {QStringLiteral("count"), list.size()},
                      {QStringLiteral("backups"), list}};
        if (replica.value())
            o.insert(QStringLiteral("replica"), replica.value()->toJson());
        if (pitr->has_value())
            o.insert(QStringLiteral("pitr"), pitr->value().toJson());
        printJson(o);
    } else {
        printText(entries.value(), now);
        if (replica.value())
            printReplica(*replica.value());
        if (pitr->has_value())
            printPitr(pitr->value());
    }
    return ExitOk;
}

const RegisterCommand reg({QStringLiteral("backups"), QStringLiteral("list backups with their verification state"),
                           QStringLiteral("List the backups in a folder (default: the dbops data folder's backups/) "
                                          "from their manifests: state (verified / unverified / failed), age, size, "
                                          "source; the bot's own timestamped copies under it (origin \"bot\", state "
                                          "unverified); with --db STORE --replica DIR, the window its Litestream "
                                          "replica can restore; with --db PG, the backups and restorable "
                                          "window of its pgBackRest stanza."),
                           TargetUse::OnRequest, addOptions, run});

} // namespace
} // namespace dbops::cli
