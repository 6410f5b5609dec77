#include "connection/lockpreservingread.h"

#include <QFile>
#include <algorithm>
#include <memory>
#include <sqlite3.h>

namespace dbops {

HeadRead LockPreservingRead::head(const QString &path, int bytes)
{
    HeadRead r;
    sqlite3_vfs *vfs = sqlite3_vfs_find(nullptr);
    if (!vfs) {
        r.error = QStringLiteral("no SQLite VFS");
        return r;
    }
    std::unique_ptr<char[]> storage(new char[size_t(vfs->szOsFile)]());
    auto *file = reinterpret_cast<sqlite3_file *>(storage.get());
    const QByteArray name = QFile::encodeName(path);
    int flags = 0;
    // MAIN_DB: the kind of file SQLite tracks per inode, so that xClose defers the close while locks are held.
    if (vfs->xOpen(vfs, name.constData(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags) != SQLITE_OK) {
        if (file->pMethods)
            file->pMethods->xClose(file);
        r.error = QStringLiteral("cannot open it for reading");
        return r;
    }
    sqlite3_int64 size = 0;
    const int want =
        file->pMethods->xFileSize(file, &size) == SQLITE_OK ? int(std::min<sqlite3_int64>(size, bytes)) : 0;
    r.bytes.resize(want);
    const int rc = want > 0 ? file->pMethods->xRead(file, r.bytes.data(), want, 0) : SQLITE_OK;
    file->pMethods->xClose(file);
    r.ok = rc == SQLITE_OK;
    if (!r.ok) {
        r.bytes.clear();
        r.error = QStringLiteral("read error (SQLite code %1)").arg(rc);
    }
    return r;
}

bool LockPreservingRead::isSideFile(const QString &path)
{
    return path.endsWith(QLatin1String("-wal")) || path.endsWith(QLatin1String("-shm")) ||
           path.endsWith(QLatin1String("-journal"));
}

} // namespace dbops
