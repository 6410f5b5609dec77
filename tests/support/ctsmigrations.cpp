#include "ctsmigrations.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>

namespace dbops::test {

namespace {

// Versions the CTS bot shipped twice: a follow-up file under the same number (14 pairs, 70 files in all).
const QList<int> kShared = {3, 7, 12, 15, 19, 22, 26, 30, 33, 38, 41, 45, 51, 53};

QString nameFor(int version, bool second)
{
    if (version == 38)
        return second ? QStringLiteral("038_hotfix_engine_lock_timeout") : QStringLiteral("038_engine_lock_table");
    if (version == 51)
        return second ? QStringLiteral("051_add_performance_indexes") : QStringLiteral("051_add_partial_indexes");
    if (version == 56)
        return CtsMigrations::newestName();
    return QStringLiteral("%1_schema_step%2").arg(version, 3, 10, QLatin1Char('0')).arg(second ? "_fix" : "");
}

QByteArray contentOf(const QString &name)
{
    return "-- CTS migration " + name.toUtf8() + "\nCREATE TABLE IF NOT EXISTS t_" + name.left(3).toUtf8() +
           " (id INTEGER PRIMARY KEY);\n";
}

} // namespace

QStringList CtsMigrations::fileNames()
{
    QStringList names;
    for (int v = 1; v <= 56; ++v) {
        names << nameFor(v, false) + QStringLiteral(".sql");
        if (kShared.contains(v))
            names << nameFor(v, true) + QStringLiteral(".sql");
    }
    return names;
}

QList<CtsCase> CtsMigrations::cases()
{
    const QString hotfix = QStringLiteral("038_hotfix_engine_lock_timeout");
    const QString partial = QStringLiteral("051_add_partial_indexes");
    const QString performance = QStringLiteral("051_add_performance_indexes");
    return {
        {"up to date", {}, {}, {}, {}, {}, {}, {}},
        {"file of a shared version deleted", hotfix + QStringLiteral(".sql"), {}, {}, {hotfix}, {}, {}, {}},
        {"file of a shared version edited", {}, partial + QStringLiteral(".sql"), {}, {}, {partial}, {}, {}},
        {"file of a shared version never applied", {}, {}, performance, {}, {}, {performance}, {performance}},
    };
}

bool CtsMigrations::writeFolder(const QString &dir, const CtsCase &c)
{
    if (!QDir().mkpath(dir))
        return false;
    for (const QString &name : fileNames()) {
        QFile f(dir + QLatin1Char('/') + name);
        QByteArray data = contentOf(name.chopped(4));
        if (name == c.editFile)
            data += "-- edited after it was applied\n";
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return false;
    }
    return c.deleteFile.isEmpty() || QFile::remove(dir + QLatin1Char('/') + c.deleteFile);
}

QStringList CtsMigrations::statements(const QString &dialect, const CtsCase &c)
{
    const bool pg = dialect == QLatin1String("postgresql");
    QStringList sql{QStringLiteral("DROP TABLE IF EXISTS schema_migrations"),
                    pg ? QStringLiteral("CREATE TABLE schema_migrations (id SERIAL PRIMARY KEY, version VARCHAR(3) NOT "
                                        "NULL, name VARCHAR(255) NOT NULL UNIQUE, checksum VARCHAR(64), applied_at "
                                        "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)")
                       : QStringLiteral("CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, version "
                                        "TEXT NOT NULL, name TEXT NOT NULL UNIQUE, checksum TEXT, applied_at TEXT NOT "
                                        "NULL DEFAULT CURRENT_TIMESTAMP)")};
    const QDateTime first(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
    int i = 0;
    for (const QString &file : fileNames()) {
        const QString name = file.chopped(4);
        if (name == c.notApplied)
            continue;
        const QString sum =
            QString::fromLatin1(QCryptographicHash::hash(contentOf(name), QCryptographicHash::Sha256).toHex());
        sql << QStringLiteral("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES "
                              "('%1', '%2', '%3', '%4')")
                   .arg(name.left(3), name, sum,
                        first.addSecs(3600 * i++).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }
    return sql;
}

} // namespace dbops::test
