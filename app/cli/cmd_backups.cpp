// dbops backups: the backups in the backup folder, from their manifests (state, age, size, source).
#include "cliutil.h"
#include "command.h"
#include "core/format.h"
#include "core/printable.h"
#include "ops/backupcatalog.h"

#include <QJsonArray>
#include <QTextStream>

namespace dbops::cli {
namespace {

void addOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("dir"), QStringLiteral("The backup folder to list."), QStringLiteral("DIR")});
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
        if (!e.manifest.source.isEmpty())
            out << "            source " << e.manifest.source << '\n';
        for (const QString &p : e.problems)
            out << "            problem: " << Printable::name(p) << '\n';
        if (e.manifest.sourceCorrupt)
            out << "            source corrupt: " << Printable::name(e.manifest.warnings.join(QStringLiteral("; ")))
                << '\n';
    }
}

int run(const Invocation &in)
{
    const QString dir = in.options().value(QStringLiteral("dir"));
    auto entries = BackupCatalog::list(dir);
    if (!entries)
        return in.fail(entries.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (in.json()) {
        QJsonArray list;
        for (const CatalogEntry &e : entries.value())
            list.append(e.toJson(now));
        printJson({{QStringLiteral("status"), QStringLiteral("ok")},
                   {QStringLiteral("dir"), dir.isEmpty() ? QString() : dir},
                   {QStringLiteral("count"), list.size()},
                   {QStringLiteral("backups"), list}});
    } else {
        printText(entries.value(), now);
    }
    return ExitOk;
}

const RegisterCommand reg({QStringLiteral("backups"), QStringLiteral("list backups with their verification state"),
                           QStringLiteral("List the backups in a folder (default: the dbops data folder's backups/) "
                                          "from their manifests: state (verified / unverified / failed), age, size, "
                                          "source."),
                           TargetUse::None, addOptions, run});

} // namespace
} // namespace dbops::cli
