#include "demo/demofiles.h"

#include "demo/demowriterlock.h"

#include <QFile>
#include <QtEndian>

namespace dbops {

Error DemoFiles::write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size() || !file.flush())
        return Error::make(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()),
                           QStringLiteral("check free space and permissions of the output folder"));
    return {};
}

Error DemoFiles::writeMigrations(const QString &dir, const QList<DemoSql::Section> &migrations)
{
    for (const DemoSql::Section &m : migrations) {
        const QString text = QStringLiteral("-- Migration %1: %2\n%3\n").arg(m.key, m.name, m.body);
        if (Error e = write(QStringLiteral("%1/%2_%3.sql").arg(dir, m.key, m.name), text.toUtf8()))
            return e;
    }
    return {};
}

Error DemoFiles::writeSettingsJson(const QString &path)
{
    return write(path,
                 QByteArrayLiteral("{\n  \"database_type\": \"sqlite\",\n  \"db_path\": \"trading/trading.db\"\n}\n"));
}

Error DemoFiles::writeDuckDbStandIn(const QString &path)
{
    QByteArray data(4096, '\0');
    data.replace(8, 4, "DUCK");
    qToLittleEndian<quint64>(64, data.data() + 12);
    return write(path, data);
}

qint64 DemoFiles::writeStaleLock(const QString &path, qint64 hint, Error *error)
{
    qint64 pid = hint;
    while (DemoWriterLock::isProcessAlive(pid))
        ++pid;
    *error = DemoWriterLock::writePid(path, pid);
    return error->isError() ? 0 : pid;
}

} // namespace dbops
