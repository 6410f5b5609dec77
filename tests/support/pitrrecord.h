#pragma once
// The record `dbops backup --engine pgbackrest` leaves in the backup folder (a small JSON file naming the
// pgBackRest backup, and a dbops manifest with engine "pgbackrest"), written as dbops writes it, for the tests of
// what other commands do when they meet one: it holds no data of its own, the backup is in pgBackRest's repository.
#include <QString>

namespace dbops::test {

struct PitrRecord {
    // Writes the record of backup `label` of stanza "main", finished `ageDays` ago, into `dir`; its path, or
    // empty when it could not be written.
    static QString write(const QString &dir, double ageDays, const QString &label = QStringLiteral("20261201-000000F"));
};

} // namespace dbops::test
