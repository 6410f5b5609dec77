#include "schema/migrationcompare.h"

#include "schema/versionorder.h"

#include <QHash>
#include <QSet>

namespace dbops {

namespace {

MigrationEntry fromFile(const MigrationFile &f)
{
    MigrationEntry e;
    e.version = f.version;
    e.name = f.name;
    e.file = f.file;
    e.fileChecksum = f.checksum;
    return e;
}

// Django keys are "app.0003_name": versions only compare within one app.
QString groupOf(const MigrationState &s, const QString &version)
{
    return s.tool == QLatin1String("django") ? version.section(QLatin1Char('.'), 0, 0) : QString();
}

// Alembic: every revision reachable from an applied head through down revisions counts as applied.
QSet<QString> alembicApplied(const MigrationState &s, const QHash<QString, MigrationFile> &byVersion)
{
    QSet<QString> seen;
    QStringList stack = s.heads;
    while (!stack.isEmpty()) {
        const QString rev = stack.takeLast();
        if (seen.contains(rev))
            continue;
        seen.insert(rev);
        auto it = byVersion.constFind(rev);
        if (it != byVersion.constEnd())
            stack << it->parents;
    }
    return seen;
}

} // namespace

void MigrationCompare::withFolder(MigrationState &state, const QString &folder)
{
    if (state.tool == QLatin1String("liquibase") || state.tool == QLatin1String("user_version") ||
        state.tool == QLatin1String("schema_version_file")) {
        state.notes << QStringLiteral("%1: no folder comparison (no migration files to match)").arg(state.tool);
        return;
    }
    const QList<MigrationFile> files = MigrationFiles::scan(folder, state.tool);
    state.folder = folder;
    if (files.isEmpty()) {
        state.notes << QStringLiteral("no %1 migration files in %2").arg(state.tool, folder);
        return;
    }
    compare(state, files);
}

void MigrationCompare::compare(MigrationState &s, const QList<MigrationFile> &files)
{
    s.folderCompared = true;
    s.pending.clear();
    s.missingFiles.clear();
    s.changed.clear();
    s.outOfOrder.clear();
    QHash<QString, MigrationFile> byVersion;
    for (const MigrationFile &f : files)
        byVersion.insert(f.version, f);

    QSet<QString> applied;
    QHash<QString, QString> newestInGroup;
    for (const MigrationEntry &e : s.applied) {
        applied.insert(e.version);
        QString &top = newestInGroup[groupOf(s, e.version)];
        if (e.success && (top.isEmpty() || VersionOrder::less(top, e.version)))
            top = e.version;
    }
    for (const MigrationEntry &e : s.failed)
        applied.insert(e.version);
    const bool golang = s.tool == QLatin1String("golang-migrate");
    if (s.tool == QLatin1String("alembic"))
        applied = alembicApplied(s, byVersion);

    for (const MigrationFile &f : files) {
        const bool below = golang && !s.current.isEmpty() && !VersionOrder::less(s.current, f.version);
        if (applied.contains(f.version) || below)
            continue;
        MigrationEntry e = fromFile(f);
        s.pending << e;
        const QString top = newestInGroup.value(groupOf(s, f.version));
        if (s.tool != QLatin1String("alembic") && !top.isEmpty() && VersionOrder::less(f.version, top))
            s.outOfOrder << e;
    }
    const QList<MigrationEntry> stored =
        s.tool == QLatin1String("alembic") ? [&] {
            QList<MigrationEntry> heads;
            for (const QString &h : s.heads)
                heads << MigrationEntry{h, {}, {}, {}, {}, {}, true};
            return heads;
        }()
                                          : s.applied;
    for (const MigrationEntry &e : stored) {
        if (s.tool == QLatin1String("flyway") && (e.version.isEmpty() || !e.version.front().isDigit()))
            continue; // repeatable migrations are keyed by script, not compared
        auto it = byVersion.constFind(e.version);
        if (it == byVersion.constEnd()) {
            s.missingFiles << e;
            continue;
        }
        if (e.success && !e.checksum.isEmpty() && !it->checksum.isEmpty() && e.checksum != it->checksum) {
            MigrationEntry c = e;
            c.file = it->file;
            c.fileChecksum = it->checksum;
            s.changed << c;
        }
    }
}

} // namespace dbops
