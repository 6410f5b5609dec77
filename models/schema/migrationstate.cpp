#include "schema/migrationstate.h"

#include <QJsonArray>

namespace dbops {

namespace {
// Each entry with its label: applied and pending rows named the same way (MigrationState::label).
QJsonArray entries(const MigrationState &s, const QList<MigrationEntry> &list)
{
    QJsonArray a;
    for (const MigrationEntry &e : list) {
        QJsonObject o = e.toJson();
        o.insert(QStringLiteral("label"), s.label(e));
        a.append(o);
    }
    return a;
}

int rank(const QString &status)
{
    return status == QLatin1String("critical") ? 2 : status == QLatin1String("warn") ? 1 : 0;
}

QString shownVersion(const QString &v) { return !v.isEmpty() && v.front().isDigit() ? QStringLiteral("v") + v : v; }
} // namespace

QJsonObject MigrationEntry::toJson() const
{
    QJsonObject o{{QStringLiteral("version"), version},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("applied_at"), appliedAt.isEmpty() ? QJsonValue() : QJsonValue(appliedAt)}};
    if (!checksum.isEmpty())
        o.insert(QStringLiteral("checksum"), checksum);
    if (!file.isEmpty())
        o.insert(QStringLiteral("file"), file);
    if (!fileChecksum.isEmpty())
        o.insert(QStringLiteral("file_checksum"), fileChecksum);
    if (!success)
        o.insert(QStringLiteral("success"), false);
    return o;
}

QString MigrationState::label(const MigrationEntry &e) const
{
    static const QStringList keyedByFile{QStringLiteral("knex"), QStringLiteral("sequelize"), QStringLiteral("prisma"),
                                         QStringLiteral("django")};
    if (keyedByFile.contains(tool) || e.name.isEmpty() || e.version.isEmpty())
        return e.version.isEmpty() ? e.name : e.version;
    if (e.name.startsWith(e.version))
        return e.name;
    return e.version + (e.name.contains(QLatin1Char(' ')) ? QLatin1Char(' ') : QLatin1Char('_')) + e.name;
}

QString MigrationState::status() const
{
    if (dirty || !failed.isEmpty())
        return QStringLiteral("critical");
    if (!pending.isEmpty() || !missingFiles.isEmpty() || !changed.isEmpty() || !outOfOrder.isEmpty() || locked ||
        !unreadable.isEmpty())
        return QStringLiteral("warn");
    return QStringLiteral("ok");
}

QString MigrationState::summary() const
{
    QStringList parts;
    const bool plain = tool == QLatin1String("schema_migrations") || tool == QLatin1String("schema_version_file");
    QString head = plain ? QString() : tool + QLatin1Char(' ');
    if (!store.isEmpty())
        head = store + QLatin1Char(' ') + head;
    if (!unreadable.isEmpty())
        return head + QStringLiteral("unreadable (%1)").arg(unreadable);
    parts << head + (current.isEmpty() ? QStringLiteral("no version") : shownVersion(current));
    if (dirty)
        parts << QStringLiteral("dirty");
    if (!failed.isEmpty())
        parts << QStringLiteral("%1 failed").arg(failed.size());
    if (!pending.isEmpty())
        parts << QStringLiteral("%1 pending").arg(pending.size());
    if (!missingFiles.isEmpty())
        parts << QStringLiteral("%1 missing").arg(missingFiles.size());
    if (!changed.isEmpty())
        parts << QStringLiteral("%1 changed").arg(changed.size());
    if (!outOfOrder.isEmpty())
        parts << QStringLiteral("%1 out of order").arg(outOfOrder.size());
    if (locked)
        parts << (lockStale ? QStringLiteral("stale lock") : QStringLiteral("locked"));
    if (folderCompared && status() == QLatin1String("ok"))
        parts << QStringLiteral("up to date"); // only a folder can tell: without one, pending is unknown
    return parts.join(QStringLiteral(", "));
}

QJsonObject MigrationState::toJson() const
{
    QJsonObject o{
        {QStringLiteral("tool"), tool},
        {QStringLiteral("table"), table},
        {QStringLiteral("current"), current.isEmpty() ? QJsonValue() : QJsonValue(current)},
        {QStringLiteral("applied"), entries(*this, applied)},
        {QStringLiteral("pending"), entries(*this, pending)},
        {QStringLiteral("missing_files"), entries(*this, missingFiles)},
        {QStringLiteral("changed"), entries(*this, changed)},
        {QStringLiteral("out_of_order"), entries(*this, outOfOrder)},
        {QStringLiteral("failed"), entries(*this, failed)},
        {QStringLiteral("dirty"), dirty},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("status"), status()},
        {QStringLiteral("summary"), summary()},
        {QStringLiteral("folder_compared"), folderCompared},
        {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
        {QStringLiteral("unreadable"), unreadable.isEmpty() ? QJsonValue() : QJsonValue(unreadable)},
    };
    if (!store.isEmpty())
        o.insert(QStringLiteral("store"), store);
    if (!heads.isEmpty())
        o.insert(QStringLiteral("heads"), QJsonArray::fromStringList(heads));
    if (locked) {
        o.insert(QStringLiteral("lock"), lockNote);
        o.insert(QStringLiteral("lock_stale"), lockStale);
    }
    // Which folder was compared, and why that one; null when none was found (the keys are always there).
    const auto orNull = [](const QString &v) { return v.isEmpty() ? QJsonValue() : QJsonValue(v); };
    o.insert(QStringLiteral("folder"), orNull(folder));
    o.insert(QStringLiteral("folder_source"), orNull(folderSource));
    o.insert(QStringLiteral("folder_reason"), orNull(folderWhy));
    return o;
}

QString MigrationReport::status() const
{
    QString worst = problems.isEmpty() ? QStringLiteral("ok") : QStringLiteral("warn");
    for (const MigrationState &s : tools)
        if (rank(s.status()) > rank(worst))
            worst = s.status();
    return worst;
}

QString MigrationReport::summary() const
{
    if (tools.isEmpty())
        return QStringLiteral("schema: no migration table");
    QStringList parts;
    for (const MigrationState &s : tools)
        parts << s.summary();
    return QStringLiteral("schema: ") + parts.join(QStringLiteral("; "));
}

QJsonObject MigrationReport::toJson() const
{
    QJsonObject o;
    if (tools.size() == 1) {
        o = tools.first().toJson();
    } else {
        QJsonArray list;
        for (const MigrationState &s : tools)
            list.append(s.toJson());
        o.insert(QStringLiteral("migrations"), list);
        o.insert(QStringLiteral("tool"), tools.isEmpty() ? QJsonValue() : QJsonValue(QStringLiteral("several")));
    }
    o.insert(QStringLiteral("status"), status());
    o.insert(QStringLiteral("summary"), summary());
    o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems));
    return o;
}

} // namespace dbops
