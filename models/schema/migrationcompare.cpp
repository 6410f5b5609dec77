#include "schema/migrationcompare.h"

#include "schema/versionorder.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace dbops {

namespace {

// Django keys are "app.0003_name": versions only compare within one app.
QString groupOf(const MigrationState &s, const QString &version)
{
    return s.tool == QLatin1String("django") ? version.section(QLatin1Char('.'), 0, 0) : QString();
}

bool isTool(const MigrationState &s, const char *tool) { return s.tool == QLatin1String(tool); }

// The folder's files looked up the two ways a stored row can name one: by name (the file's stem or file name,
// or its description together with its version) and by version (several files may share one).
class FileIndex {
public:
    explicit FileIndex(const QList<MigrationFile> &files) : m_files(files)
    {
        for (int i = 0; i < files.size(); ++i) {
            const MigrationFile &f = files[i];
            m_byVersion.insert(f.version, i);
            m_byName.insert(f.stem(), i);
            m_byName.insert(f.file.section(QLatin1Char('/'), -1), i);
            m_byDescription.insert(f.version + QLatin1Char('\n') + f.name, i);
        }
    }

    int byName(const MigrationEntry &e) const
    {
        if (e.name.isEmpty())
            return -1;
        const int i = m_byName.value(e.name, -1);
        return i >= 0 ? i : m_byDescription.value(e.version + QLatin1Char('\n') + e.name, -1);
    }
    bool isStem(const MigrationEntry &e) const { return m_byName.contains(e.name); }
    QList<int> byVersion(const QString &version) const
    {
        QList<int> list = m_byVersion.values(version);
        std::sort(list.begin(), list.end());
        return list;
    }
    const MigrationFile &file(int i) const { return m_files.at(i); }

private:
    const QList<MigrationFile> &m_files;
    QMultiHash<QString, int> m_byVersion;
    QHash<QString, int> m_byName;
    QHash<QString, int> m_byDescription;
};

// How one comparison matches rows to files. A bot's schema_migrations keeps a unique name beside a version
// that may repeat (CTS: 051_add_partial_indexes and 051_add_performance_indexes): its rows are matched by
// name. When no stored name matches any file (names are free descriptions, or absent) — and for every other
// tool, whose key is unique — by version.
struct Matcher {
    const FileIndex &index;
    bool byName = false;
    bool stemNames = false; // the stored names are file names: pending files are named the same way

    Matcher(const MigrationState &s, const FileIndex &idx) : index(idx)
    {
        if (!isTool(s, "schema_migrations"))
            return;
        for (const MigrationEntry &e : s.applied) {
            byName = byName || index.byName(e) >= 0;
            stemNames = stemNames || index.isStem(e);
        }
    }

    QList<int> files(const MigrationEntry &e) const
    {
        if (!byName)
            return index.byVersion(e.version);
        const int i = index.byName(e);
        return i >= 0 ? QList<int>{i} : QList<int>{};
    }

    // What orders a migration among the others: its full name when matching by name ("051_b" runs after
    // "051_a"), else its version.
    QString orderKey(const MigrationEntry &e) const
    {
        if (!byName)
            return e.version;
        const int i = index.byName(e);
        if (i >= 0)
            return index.file(i).stem();
        return e.name.startsWith(e.version) ? e.name : e.version;
    }
    QString orderKey(const MigrationFile &f) const { return byName ? f.stem() : f.version; }

    MigrationEntry entry(const MigrationFile &f) const
    {
        MigrationEntry e;
        e.version = f.version;
        e.name = stemNames ? f.stem() : f.name;
        e.file = f.file;
        e.fileChecksum = f.checksum;
        return e;
    }
};

// Alembic: every revision reachable from an applied head through down revisions counts as applied.
QSet<int> alembicApplied(const MigrationState &s, const QList<MigrationFile> &files, const FileIndex &index)
{
    QSet<QString> seen;
    QSet<int> applied;
    QStringList stack = s.heads;
    while (!stack.isEmpty()) {
        const QString rev = stack.takeLast();
        if (seen.contains(rev))
            continue;
        seen.insert(rev);
        for (int i : index.byVersion(rev)) {
            applied.insert(i);
            stack << files[i].parents;
        }
    }
    return applied;
}

// A checksum the tool stores in another form than the one computed here (a bot's runner may keep MD5, or
// hash differently) is not a change: only checksums of the same form are compared.
bool sameForm(const MigrationState &s, const QString &stored, const QString &computed)
{
    return !isTool(s, "schema_migrations") || stored.size() == computed.size();
}

void addPending(MigrationState &s, const QList<MigrationFile> &files, const Matcher &m, const QSet<int> &applied)
{
    QHash<QString, QString> newestInGroup;
    for (const MigrationEntry &e : s.applied) {
        QString &top = newestInGroup[groupOf(s, e.version)];
        const QString key = m.orderKey(e);
        if (e.success && (top.isEmpty() || VersionOrder::less(top, key)))
            top = key;
    }
    const bool golang = isTool(s, "golang-migrate");
    for (int i = 0; i < files.size(); ++i) {
        const MigrationFile &f = files[i];
        const bool below = golang && !s.current.isEmpty() && !VersionOrder::less(s.current, f.version);
        if (applied.contains(i) || below)
            continue;
        const MigrationEntry e = m.entry(f);
        s.pending << e;
        const QString top = newestInGroup.value(groupOf(s, f.version));
        if (!isTool(s, "alembic") && !top.isEmpty() && VersionOrder::less(m.orderKey(f), top))
            s.outOfOrder << e;
    }
}

// Django apps with at least one migration file in the folder: the project's own apps.
QSet<QString> appsInFolder(const MigrationState &s, const QList<MigrationFile> &files)
{
    QSet<QString> apps;
    for (const MigrationFile &f : files)
        apps.insert(groupOf(s, f.version));
    return apps;
}

// Django rows of apps the folder does not hold are compared with nothing (see the header); said in one note.
bool outsideFolder(MigrationState &s, const MigrationEntry &e, const QSet<QString> &apps, QStringList &outside)
{
    if (!isTool(s, "django"))
        return false;
    const QString app = groupOf(s, e.version);
    if (apps.contains(app))
        return false;
    if (!outside.contains(app))
        outside << app;
    return true;
}

void addMissingAndChanged(MigrationState &s, const QList<MigrationFile> &files, const Matcher &m)
{
    const QSet<QString> apps = appsInFolder(s, files);
    QStringList outside;
    QList<MigrationEntry> stored = s.applied;
    if (isTool(s, "alembic")) {
        stored.clear();
        for (const QString &h : s.heads)
            stored << MigrationEntry{h, {}, {}, {}, {}, {}, true};
    }
    for (const MigrationEntry &e : stored) {
        if (isTool(s, "flyway") && (e.version.isEmpty() || !e.version.front().isDigit()))
            continue; // repeatable migrations are keyed by script, not compared
        const QList<int> matched = m.files(e);
        if (matched.isEmpty()) {
            if (!outsideFolder(s, e, apps, outside))
                s.missingFiles << e;
            continue;
        }
        const MigrationFile &f = files[matched.last()];
        if (e.success && !e.checksum.isEmpty() && !f.checksum.isEmpty() && sameForm(s, e.checksum, f.checksum) &&
            e.checksum.compare(f.checksum, Qt::CaseInsensitive) != 0) {
            MigrationEntry c = e;
            c.file = f.file;
            c.fileChecksum = f.checksum;
            s.changed << c;
        }
    }
    if (!outside.isEmpty()) {
        std::sort(outside.begin(), outside.end());
        s.notes << QStringLiteral("migrations of %1 not compared: those apps have no migrations in %2 (Django's own "
                                  "or installed packages' apps)")
                       .arg(outside.join(QStringLiteral(", ")), s.folder);
    }
}

} // namespace

void MigrationCompare::withFolder(MigrationState &state, const MigrationsFolder &chosen)
{
    const QString &folder = chosen.path;
    state.folderSource = chosen.source;
    state.folderWhy = chosen.why;
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
    const FileIndex index(files);
    const Matcher matcher(s, index);
    QSet<int> applied;
    if (isTool(s, "alembic")) {
        applied = alembicApplied(s, files, index);
    } else {
        for (const QList<MigrationEntry> *list : {&s.applied, &s.failed})
            for (const MigrationEntry &e : *list)
                for (int i : matcher.files(e))
                    applied.insert(i);
    }
    addPending(s, files, matcher, applied);
    addMissingAndChanged(s, files, matcher);
}

} // namespace dbops
