#include "pitr/pitrlocator.h"

#include "connection/connector.h"
#include "connection/profilestore.h"
#include "dialect/sqltext.h"
#include "pitr/pgbackrestengine.h"

#include <QSettings>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

namespace dbops {

PitrSource PitrSource::withProfile(const Target &target) const
{
    PitrSource out = *this;
    if (target.profileName.isEmpty())
        return out;
    // Read beside ProfileStore's own keys: the pgBackRest keys belong to this layer.
    QSettings settings(ProfileStore().file(), QSettings::IniFormat);
    settings.beginGroup(target.profileName);
    if (out.stanza.isEmpty())
        out.stanza = settings.value(QStringLiteral("stanza")).toString();
    if (out.configFile.isEmpty())
        out.configFile = settings.value(QStringLiteral("pgbackrest_config")).toString();
    return out;
}

Expected<PitrServer> PitrLocator::server(const Target &target)
{
    ScopedConnection c(target, SessionOptions::monitor(), QStringLiteral("pitr"));
    if (!c.ok())
        return c.error();
    QSqlQuery q(c.db());
    if (!q.exec(SqlText::postgresql("pitr", "server")) || !q.next())
        return Connector::classify(q.lastError(), target, QStringLiteral("read the system identifier of"));
    PitrServer s;
    s.systemId = q.value(0).toString();
    s.lastArchivedWal = q.value(1).toString();
    s.lastArchivedAt = q.value(2).toDateTime().toUTC();
    s.dataDirectory = q.value(3).toString();
    s.archiveMode = q.value(4).toString();
    s.archiveCommand = q.value(5).toString();
    s.port = q.value(6).toInt();
    s.socketDirectory = q.value(7).toString().section(QLatin1Char(','), 0, 0).trimmed();
    return s;
}

void PitrLocator::extendWindow(PitrInfo &info, const PitrServer &server)
{
    // WAL names of one timeline sort as their positions: the server's last archived file is in the repository
    // when it is not past the repository's newest.
    if (info.backups.isEmpty() || !server.lastArchivedAt.isValid() || server.lastArchivedWal.isEmpty() ||
        info.walMax.isEmpty() || server.lastArchivedWal.left(24).mid(8) > info.walMax.mid(8))
        return;
    if (server.lastArchivedAt > info.restorableTo)
        info.restorableTo = server.lastArchivedAt;
}

namespace {

// A stanza of the configuration file that `info` without --stanza did not list (its repository is in its own
// section), asked for by name: the one of this server, if any.
std::optional<PitrInfo> ownRepositoryStanza(const PgBackRestEngine &engine, const QList<PitrInfo> &listed,
                                            const PitrServer &server)
{
    QStringList seen;
    for (const PitrInfo &i : listed)
        seen << i.stanza;
    for (const QString &name : engine.configuredStanzas()) {
        if (seen.contains(name))
            continue;
        auto one = engine.info(name);
        if (!one)
            continue;
        for (PitrInfo info : one.value())
            if (info.systemId == server.systemId) {
                PitrLocator::extendWindow(info, server);
                return info;
            }
    }
    return std::nullopt;
}

} // namespace

Expected<std::optional<PitrInfo>> PitrLocator::find(const Target &target, const PitrSource &source)
{
    const bool named = !source.stanza.isEmpty();
    if (!named && !PgBackRestEngine::binary())
        return std::optional<PitrInfo>(); // nothing asked for and no engine: no PITR to show
    const PgBackRestEngine engine(source.configFile);
    auto stanzas = engine.info(source.stanza);
    auto srv = server(target);
    // Nothing named: PITR is an extra of the listing, and a pgBackRest or server that cannot answer only leaves
    // it out (said in the log), never the backups the catalog holds.
    if (!named && (!stanzas || !srv)) {
        spdlog::warn("pgBackRest stanza of {} not looked up: {}", target.display().toStdString(),
                     (!stanzas ? stanzas.error() : srv.error()).oneLine().toStdString());
        return std::optional<PitrInfo>();
    }
    if (!stanzas)
        return stanzas.error();
    for (PitrInfo info : stanzas.value()) {
        if (!named && info.systemId != srv->systemId)
            continue;
        if (srv && info.systemId == srv->systemId)
            extendWindow(info, srv.value());
        return std::optional<PitrInfo>(info);
    }
    if (!named && srv)
        if (auto own = ownRepositoryStanza(engine, stanzas.value(), srv.value()))
            return own;
    if (named)
        return Error::make(
            ErrorCode::NotFound,
            QStringLiteral("pgBackRest knows no stanza %1%2")
                .arg(source.stanza,
                     source.configFile.isEmpty() ? QString() : QStringLiteral(" in ") + source.configFile),
            QStringLiteral("check the name, or set it up: dbops pitr-setup --db … --stanza %1 --repo DIR")
                .arg(source.stanza));
    return std::optional<PitrInfo>();
}

Expected<PitrInfo> PitrLocator::require(const Target &target, const PitrSource &source)
{
    auto located = find(target, source);
    if (!located)
        return located.error();
    if (!located->has_value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("no pgBackRest stanza covers %1").arg(target.display()),
                           QStringLiteral("name one with --stanza (or the profile's stanza=), or set one up with "
                                          "dbops pitr-setup"));
    return located->value();
}

} // namespace dbops
