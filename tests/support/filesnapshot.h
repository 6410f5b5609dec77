#pragma once
// What a folder holds, byte for byte: the proof that a command left its input (and the -wal / -journal beside
// it) exactly as it found it, and created nothing next to it.
#include <QByteArray>
#include <QMap>
#include <QStringList>

namespace dbops::test {

struct FileSnapshot {
    // SHA-256 of the file's bytes (hex); "missing" when it cannot be read.
    static QByteArray digest(const QString &path);
    // Every entry of `dir` (hidden ones included, not recursive): name → digest ("directory" for a folder).
    static QMap<QString, QByteArray> of(const QString &dir);
    // "name changed" / "name appeared" / "name vanished" for each difference; empty when identical.
    static QStringList differences(const QMap<QString, QByteArray> &before, const QMap<QString, QByteArray> &after);
};

} // namespace dbops::test
