#include "activity/procscan.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace dbops {

namespace {

QString readSmall(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(f.read(4096));
}

QString cmdLine(const QString &procDir)
{
    QString text = readSmall(procDir + QStringLiteral("/cmdline"));
    text.replace(QChar(0), QLatin1Char(' '));
    text = text.trimmed();
    return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
}

} // namespace

HolderScan ProcScan::holders(const QStringList &files)
{
    HolderScan scan;
    const QDir proc(QStringLiteral("/proc"));
    if (!proc.exists()) {
        scan.supported = false;
        return scan;
    }
    QSet<QString> wanted;
    for (const QString &f : files) {
        const QString canonical = QFileInfo(f).canonicalFilePath();
        if (!canonical.isEmpty())
            wanted.insert(canonical);
    }
    if (wanted.isEmpty())
        return scan;
    const qint64 self = QCoreApplication::applicationPid();
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QString procDir = proc.filePath(entry);
        const QDir fdDir(procDir + QStringLiteral("/fd"));
        if (!fdDir.isReadable()) {
            ++scan.unreadableProcesses;
            continue;
        }
        QStringList held;
        for (const QFileInfo &fd : fdDir.entryInfoList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
            const QString linked = fd.symLinkTarget();
            if (wanted.contains(linked) && !held.contains(linked))
                held << linked;
        }
        if (held.isEmpty())
            continue;
        held.sort();
        scan.holders << FileHolder{pid, readSmall(procDir + QStringLiteral("/comm")).trimmed(), cmdLine(procDir), held,
                                   pid == self};
    }
    return scan;
}

} // namespace dbops
