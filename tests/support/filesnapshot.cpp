#include "filesnapshot.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace dbops::test {

QByteArray FileSnapshot::digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("missing");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

QMap<QString, QByteArray> FileSnapshot::of(const QString &dir)
{
    QMap<QString, QByteArray> entries;
    for (const QFileInfo &info :
         QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        entries.insert(info.fileName(),
                       info.isDir() ? QByteArrayLiteral("directory") : digest(info.absoluteFilePath()));
    return entries;
}

QStringList FileSnapshot::differences(const QMap<QString, QByteArray> &before, const QMap<QString, QByteArray> &after)
{
    QStringList out;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            out << it.key() + QStringLiteral(" vanished");
        else if (after.value(it.key()) != it.value())
            out << it.key() + QStringLiteral(" changed");
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        if (!before.contains(it.key()))
            out << it.key() + QStringLiteral(" appeared");
    return out;
}

} // namespace dbops::test
