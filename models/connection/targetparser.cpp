#include "connection/targetparser.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace dbops {

namespace {

// Hides URI user-info ("user:password@") wholesale: Redact::text misses passwords holding '/' or '@'.
QString withoutUserInfo(const QString &text)
{
    const int schemeEnd = text.indexOf(QLatin1String("://"));
    const int at = text.lastIndexOf(QLatin1Char('@'));
    if (schemeEnd < 0 || at < schemeEnd)
        return text;
    return text.left(schemeEnd + 3) + QStringLiteral("***") + text.mid(at);
}

Error usage(const QString &text, const QString &why)
{
    return Error::make(ErrorCode::Usage,
                       QStringLiteral("cannot read target \"%1\": %2").arg(withoutUserInfo(text), why),
                       QStringLiteral("give a SQLite path, sqlite:///path, postgresql://user@host:port/db, "
                                      "service=NAME or a saved profile name"));
}

bool applyPgKey(PgParams &pg, const QString &key, const QString &value, QString *unknownKey)
{
    const QString k = key.toLower();
    if (k == QLatin1String("host") || k == QLatin1String("hostaddr"))
        pg.host = value;
    else if (k == QLatin1String("port")) {
        bool ok = false;
        const int port = value.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return false;
        pg.port = port;
    } else if (k == QLatin1String("dbname"))
        pg.dbname = value;
    else if (k == QLatin1String("user"))
        pg.user = value;
    else if (k == QLatin1String("password"))
        pg.password = value;
    else if (k == QLatin1String("sslmode"))
        pg.sslmode = value;
    else if (k == QLatin1String("service"))
        pg.service = value;
    else if (unknownKey)
        *unknownKey = key; // connect_timeout, application_name…: the console sets its own
    return true;
}

const QStringList &sslModes()
{
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

} // namespace

Expected<Target> TargetParser::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return usage(text, QStringLiteral("it is empty"));
    if (text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
        text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive))
        return parseUri(text);
    if (text.startsWith(QLatin1String("sqlite://"), Qt::CaseInsensitive)) {
        QString rest = text.mid(9);
        if (!rest.startsWith(QLatin1Char('/')))
            return usage(text, QStringLiteral("sqlite:// needs an absolute path (sqlite:///path/to/file.db)"));
        rest = rest.section(QLatin1Char('?'), 0, 0); // driver options (?mode=ro…) are not part of the path
        return parsePath(QDir::cleanPath(QUrl::fromPercentEncoding(rest.toUtf8())));
    }
    static const QRegularExpression conninfoKey(QStringLiteral(R"(^\s*[a-z_]+\s*=)"));
    if (conninfoKey.match(text).hasMatch() && !QFileInfo::exists(text))
        return parseConninfo(text);
    if (text.contains(QLatin1String("://")))
        return usage(text, QStringLiteral("unknown scheme \"%1\"").arg(text.section(QStringLiteral("://"), 0, 0)));
    if (looksLikeProfileName(text) && !QFileInfo::exists(text))
        return Error::make(ErrorCode::Usage, QStringLiteral("no saved profile named \"%1\"").arg(text),
                           QStringLiteral("list profiles with `dbops profiles`, or give a path or URI"));
    return parsePath(text);
}

bool TargetParser::looksLikeProfileName(const QString &text)
{
    static const QRegularExpression name(QStringLiteral(R"(^[A-Za-z0-9_-]+$)"));
    return name.match(text).hasMatch() && !text.contains(QLatin1Char('.'));
}

Target TargetParser::parsePath(const QString &text)
{
    QString path = text;
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    const QFileInfo info(path);
    return info.isDir() ? Target::dataDir(path) : Target::sqliteFile(path);
}

Expected<Target> TargetParser::parseUri(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) // errorString() quotes the whole input ("source was …"): keep only the reason
        return usage(
            text,
            QStringLiteral("malformed URI (%1)").arg(url.errorString().section(QStringLiteral("; source was"), 0, 0)));
    PgParams pg;
    pg.host = url.host(QUrl::FullyDecoded);
    if (url.port() != -1)
        pg.port = url.port();
    // Fully decoded: a password "p@ss" arrives as "p%40ss" and must reach libpq as "p@ss".
    pg.user = url.userName(QUrl::FullyDecoded);
    pg.password = url.password(QUrl::FullyDecoded);
    // Split on the encoded path: "my%2Fdb" is the database "my/db", "a/b" is an error.
    QString path = url.path(QUrl::FullyEncoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.contains(QLatin1Char('/')))
        return usage(QStringLiteral("postgresql://…/") + path, QStringLiteral("the database name has a '/'"));
    pg.dbname = QUrl::fromPercentEncoding(path.toUtf8());
    const QUrlQuery query(url);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (!applyPgKey(pg, item.first, item.second, nullptr))
            return usage(QStringLiteral("postgresql://…"), QStringLiteral("bad value for %1").arg(item.first));
    }
    if (!pg.sslmode.isEmpty() && !sslModes().contains(pg.sslmode))
        return usage(QStringLiteral("postgresql://…"), QStringLiteral("unknown sslmode \"%1\"").arg(pg.sslmode));
    return Target::postgres(pg);
}

Expected<Target> TargetParser::parseConninfo(const QString &text)
{
    // key=value pairs separated by spaces; values may be single-quoted.
    static const QRegularExpression pair(QStringLiteral(R"(([A-Za-z_]+)\s*=\s*('((?:[^'\\]|\\.)*)'|(\S*)))"));
    PgParams pg;
    int consumed = 0;
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString between = text.mid(consumed, m.capturedStart() - consumed).trimmed();
        if (!between.isEmpty())
            return usage(QStringLiteral("conninfo"), QStringLiteral("unexpected \"%1\"").arg(between));
        consumed = m.capturedEnd();
        QString value = m.captured(4);
        if (m.capturedStart(3) >= 0) { // quoted: \' and \\ are escapes (libpq conninfo rules)
            static const QRegularExpression escape(QStringLiteral(R"(\\(.))"));
            value = m.captured(3);
            value.replace(escape, QStringLiteral("\\1"));
        }
        if (!applyPgKey(pg, m.captured(1), value, nullptr))
            return usage(QStringLiteral("conninfo"), QStringLiteral("bad value for %1").arg(m.captured(1)));
    }
    if (!text.mid(consumed).trimmed().isEmpty())
        return usage(QStringLiteral("conninfo"), QStringLiteral("unexpected \"%1\"").arg(text.mid(consumed).trimmed()));
    if (!pg.sslmode.isEmpty() && !sslModes().contains(pg.sslmode))
        return usage(QStringLiteral("conninfo"), QStringLiteral("unknown sslmode \"%1\"").arg(pg.sslmode));
    return Target::postgres(pg);
}

} // namespace dbops
