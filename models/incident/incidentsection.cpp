#include "incident/incidentsection.h"

#include "core/redact.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace dbops {

QJsonObject IncidentFiles::errorJson(const Error &e)
{
    return {{QStringLiteral("status"), QStringLiteral("error")},
            {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), e.codeName()},
                                                  {QStringLiteral("message"), e.message},
                                                  {QStringLiteral("hint"), e.hint}}}};
}

IncidentFiles::IncidentFiles(const QString &dir, const QStringList &secrets) : m_dir(dir)
{
    // A very short "secret" would scrub ordinary words; libpq passwords that short are not worth the damage.
    for (const QString &s : secrets)
        if (s.size() >= 4 && !m_secrets.contains(s))
            m_secrets << s;
}

QString IncidentFiles::scrub(const QString &text) const
{
    QString out = Redact::text(text);
    for (const QString &secret : m_secrets)
        out.replace(secret, QStringLiteral("***"));
    return out;
}

QJsonValue IncidentFiles::scrubValue(const QJsonValue &value) const
{
    if (value.isString())
        return scrub(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(scrubValue(v));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(scrub(it.key()), scrubValue(it.value()));
        return out;
    }
    return value;
}

Error IncidentFiles::write(const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(m_dir).filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1 of the evidence bundle").arg(path),
                           QStringLiteral("check the free space of the temporary folder"), f.errorString());
    if (!m_files.contains(name))
        m_files << name;
    return {};
}

Error IncidentFiles::writeJson(const QString &name, const QJsonObject &object)
{
    return write(name, QJsonDocument(scrubValue(object).toObject()).toJson(QJsonDocument::Indented));
}

Error IncidentFiles::writeText(const QString &name, const QString &text) { return write(name, scrub(text).toUtf8()); }

Error IncidentFiles::writeBinary(const QString &name, const QByteArray &bytes) { return write(name, bytes); }

IncidentSection IncidentSection::json(const QString &name, const QString &title, const CollectFn &collect)
{
    const WriteFn write = [name, collect](IncidentContext &ctx, IncidentFiles &files) -> Expected<QString> {
        auto data = collect(ctx);
        const QString file = name + QStringLiteral(".json");
        if (!data) {
            // The file stays: an operator (or a script) reading the bundle finds why it holds no data.
            if (const Error e = files.writeJson(file, IncidentFiles::errorJson(data.error())))
                return e;
            return data.error();
        }
        ctx.found.insert(name, data->json);
        if (const Error e = files.writeJson(file, data->json))
            return e;
        return data->headline;
    };
    return {name, title, write};
}

} // namespace dbops
