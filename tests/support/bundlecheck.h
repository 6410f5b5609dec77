#pragma once
// An evidence bundle (`dbops incident`) opened the way an operator or an auditor would: unpacked with tar,
// checked with sha256sum -c, every file read — PNG text chunks included — for a secret that must not be there.
#include <QString>
#include <QStringList>

namespace dbops::test {

struct BundleCheck {
    // Unpacks `archive` into `into` with the system tar; returns the bundle's folder, empty on failure.
    static QString extract(const QString &archive, const QString &into);
    // `sha256sum -c SHA256SUMS` inside `folder`: its exit code (0: every file matches).
    static int sha256Check(const QString &folder, QByteArray *output = nullptr);
    // Files under `folder` (relative names) whose bytes, or whose PNG text chunks (tEXt, zTXt, iTXt; the
    // compressed ones inflated), hold `secret`.
    static QStringList filesHolding(const QString &folder, const QByteArray &secret);
    // Every file under `folder`, relative, sorted.
    static QStringList files(const QString &folder);
    // Empty when `file` reads as what its name says (.json: one JSON object; .png: signature, IHDR … IEND;
    // .md / .txt: UTF-8); else why not.
    static QString parseProblem(const QString &file);
    // The sections every bundle holds (see README, `dbops incident`).
    static QStringList expectedFiles();
    // The first expected file missing from the folder or not parsing ("name: why"), or empty when all are there.
    static QString missingOrBroken(const QString &folder);
};

} // namespace dbops::test
