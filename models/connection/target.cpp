#include "connection/target.h"

#include <QFileInfo>
#include <QStringList>
#include <QUrl>

namespace dbops {

bool PgParams::operator==(const PgParams &o) const
{
    return host == o.host && port == o.port && dbname == o.dbname && user == o.user && sslmode == o.sslmode &&
           service == o.service && password == o.password;
}

bool Target::operator==(const Target &o) const
{
    return kind == o.kind && path == o.path && pg == o.pg && profileName == o.profileName;
}

QString Target::engine() const
{
    switch (kind) {
    case Kind::SqliteFile:
    case Kind::DataDir: return QStringLiteral("sqlite");
    case Kind::Postgres: return QStringLiteral("postgresql");
    case Kind::None: break;
    }
    return {};
}

QString Target::toSpec() const
{
    switch (kind) {
    case Kind::SqliteFile:
    case Kind::DataDir: return path;
    case Kind::None: return {};
    case Kind::Postgres: break;
    }
    // Built by hand rather than with QUrl: QUrl drops an empty authority ("postgresql:///db") and cannot hold a
    // Unix-socket directory as host, both of which libpq accepts.
    const auto enc = [](const QString &s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    QString spec = QStringLiteral("postgresql://");
    if (!pg.user.isEmpty())
        spec += enc(pg.user) + QLatin1Char('@');
    const bool socketDir = pg.host.startsWith(QLatin1Char('/'));
    if (!pg.host.isEmpty() && !socketDir)
        spec += pg.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + pg.host + QLatin1Char(']') : enc(pg.host);
    if (pg.port > 0)
        spec += QLatin1Char(':') + QString::number(pg.port);
    if (!pg.dbname.isEmpty() || pg.host.isEmpty() || socketDir)
        spec += QLatin1Char('/') + enc(pg.dbname);
    QStringList query;
    if (socketDir)
        query << QStringLiteral("host=") + enc(pg.host);
    if (!pg.sslmode.isEmpty())
        query << QStringLiteral("sslmode=") + enc(pg.sslmode);
    if (!pg.service.isEmpty())
        query << QStringLiteral("service=") + enc(pg.service);
    if (!query.isEmpty())
        spec += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return spec;
}

QString Target::display() const
{
    if (kind == Kind::Postgres && !pg.service.isEmpty() && pg.host.isEmpty() && pg.dbname.isEmpty())
        return QStringLiteral("service=") + pg.service;
    return toSpec();
}

QString Target::databaseName() const
{
    switch (kind) {
    case Kind::SqliteFile:
    case Kind::DataDir: return QFileInfo(path).fileName();
    case Kind::Postgres: return pg.dbname.isEmpty() ? pg.service : pg.dbname;
    case Kind::None: break;
    }
    return {};
}

Target Target::sqliteFile(const QString &path)
{
    Target t;
    t.kind = Kind::SqliteFile;
    t.path = QFileInfo(path).absoluteFilePath();
    return t;
}

Target Target::dataDir(const QString &path)
{
    Target t;
    t.kind = Kind::DataDir;
    t.path = QFileInfo(path).absoluteFilePath();
    return t;
}

Target Target::postgres(const PgParams &params)
{
    Target t;
    t.kind = Kind::Postgres;
    t.pg = params;
    return t;
}

} // namespace dbops
