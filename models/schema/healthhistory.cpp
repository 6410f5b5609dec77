#include "schema/healthhistory.h"

#include "core/paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace dbops {

HealthHistory::HealthHistory(const QString &file) : m_file(file) {}

QString HealthHistory::fileFor(const Target &target)
{
    const QByteArray key =
        QCryptographicHash::hash(target.toSpec().toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return Paths::stateDir() + QStringLiteral("/health-history/") + QString::fromLatin1(key) + QStringLiteral(".jsonl");
}

Error HealthHistory::append(const HealthReport &report, const QDateTime &at)
{
    QJsonObject bytes, rows;
    qint64 total = 0;
    for (const TableHealth &t : report.tables) {
        bytes.insert(t.name, double(t.bytes()));
        rows.insert(t.name, double(t.rows));
        total += t.bytes();
    }
    const QJsonObject line{{QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
                           {QStringLiteral("total_bytes"), double(total)},
                           {QStringLiteral("bytes"), bytes},
                           {QStringLiteral("rows"), rows}};
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QFile f(m_file);
    const QByteArray data = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    if (!f.open(QIODevice::Append) || f.write(data) != data.size())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(m_file, f.errorString()),
                           QStringLiteral("check free space and permissions"));
    return {};
}

QList<HealthSnapshot> HealthHistory::load(int maxPoints) const
{
    QFile f(m_file);
    QList<HealthSnapshot> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        HealthSnapshot s;
        s.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        if (!s.at.isValid())
            continue;
        s.totalBytes = qint64(o.value(QStringLiteral("total_bytes")).toDouble());
        const QJsonObject bytes = o.value(QStringLiteral("bytes")).toObject(),
                          rows = o.value(QStringLiteral("rows")).toObject();
        for (auto it = bytes.begin(); it != bytes.end(); ++it)
            s.tableBytes.insert(it.key(), qint64(it.value().toDouble()));
        for (auto it = rows.begin(); it != rows.end(); ++it)
            s.tableRows.insert(it.key(), qint64(it.value().toDouble()));
        out << s;
        if (out.size() > maxPoints)
            out.removeFirst();
    }
    return out;
}

} // namespace dbops
