#include "connection/target.h"

#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

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
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    if (!pg.user.isEmpty())
        url.setUserName(pg.user);
    url.setHost(pg.host.isEmpty() ? QString() : pg.host);
    if (pg.port > 0)
        url.setPort(pg.port);
    if (!pg.dbname.isEmpty())
        url.setPath(QLatin1Char('/') + pg.dbname);
    QUrlQuery query;
    if (!pg.sslmode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), pg.sslmode);
    if (!pg.service.isEmpty())
        query.addQueryItem(QStringLiteral("service"), pg.service);
    url.setQuery(query);
    QString spec = url.toString(QUrl::FullyEncoded);
    if (pg.host.isEmpty()) // QUrl drops the empty authority: keep "postgresql:///db"
        spec.replace(QStringLiteral("postgresql:/"), QStringLiteral("postgresql:///"));
    spec.replace(QStringLiteral("postgresql:////"), QStringLiteral("postgresql:///"));
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
