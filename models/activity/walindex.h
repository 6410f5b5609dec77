#pragma once
// How far the WAL is from being folded back into the database, read without checkpointing: the WAL-index
// header in the -shm (mxFrame, the frames the WAL holds; nBackfill, those already copied back), through
// SQLite's own mapping of it on a read-only connection. A descriptor of our own on the -shm would be closed
// afterwards, and any close() drops every POSIX lock this process holds on the file (SQLite's included).
struct sqlite3;

#include <QString>

namespace dbops {

struct WalIndexHeader {
    bool read = false;
    qint64 frames = -1;     // mxFrame: valid frames in the WAL
    qint64 backfilled = -1; // nBackfill: of those, already copied into the database file
    QString note;           // why it was not read
};

class WalIndex {
public:
    // `db`: a connection in WAL mode that has read the database at least once (so its -shm is mapped).
    static WalIndexHeader read(sqlite3 *db);
};

} // namespace dbops
