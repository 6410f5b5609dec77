#include "connection/filehead.h"

#include <QFile>
#include <QFileInfo>
#include <memory>
#include <sqlite3.h>

namespace dbops {

namespace {

struct FileCloser {
    void operator()(sqlite3_file *f) const
    {
        if (f && f->pMethods)
            f->pMethods->xClose(f); // SQLite defers the close(2) while this process holds locks on the inode
        sqlite3_free(f);
    }
};

} // namespace

QByteArray FileHead::read(const QString &path, qint64 bytes, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    sqlite3_vfs *vfs = sqlite3_vfs_find(nullptr);
    if (!vfs || bytes <= 0)
        return fail(QStringLiteral("no SQLite file layer"));
    // SQLite's layer does not open through a symlink; the locks that matter are on the inode anyway.
    const QFileInfo info(path);
    const QByteArray native = QFile::encodeName(info.isSymLink() ? info.canonicalFilePath() : path);
    // SQLite wants a database name it made itself (it looks for URI parameters after it).
    sqlite3_filename name = sqlite3_create_filename(native.constData(), "", "", 0, nullptr);
    if (!name)
        return fail(QStringLiteral("out of memory"));
    std::unique_ptr<sqlite3_file, FileCloser> file(static_cast<sqlite3_file *>(sqlite3_malloc(vfs->szOsFile)));
    if (!file) {
        sqlite3_free_filename(name);
        return fail(QStringLiteral("out of memory"));
    }
    memset(file.get(), 0, size_t(vfs->szOsFile));
    int outFlags = 0;
    const int rc = vfs->xOpen(vfs, name, file.get(), SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &outFlags);
    QByteArray out;
    if (rc == SQLITE_OK) {
        sqlite3_int64 size = 0;
        if (file->pMethods->xFileSize(file.get(), &size) == SQLITE_OK && size > 0) {
            out.resize(int(std::min<qint64>(bytes, size)));
            if (file->pMethods->xRead(file.get(), out.data(), int(out.size()), 0) != SQLITE_OK)
                out.clear();
        }
    }
    file.reset(); // closed before the name it was opened with is freed
    sqlite3_free_filename(name);
    if (rc != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errstr(rc)));
    return out;
}

bool FileHead::isSqliteSideFile(const QString &fileName)
{
    return fileName.endsWith(QLatin1String("-wal")) || fileName.endsWith(QLatin1String("-shm")) ||
           fileName.endsWith(QLatin1String("-journal"));
}

} // namespace dbops
