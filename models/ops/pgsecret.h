#pragma once
// How a password reaches pg_dump / pg_restore without ever touching a disk.
//
// libpq reads a password file (PGPASSFILE) when it connects. dbops writes "*:*:*:*:<password>" into an
// anonymous memory file (memfd_create): it has no path in any file system and is gone once the last
// descriptor on it closes — when dbops and its child have exited, even after a kill -9 of either. The
// descriptor is close-on-exec: only the child started for this run receives it (made inheritable between
// fork and exec, at the same number), and that child's PGPASSFILE is /proc/self/fd/N, which in the child
// names its own copy. Only the same user (or root) can read it, through /proc/PID/fd, while it exists.
// Not PGPASSWORD: the environment is handed on to every further child and stays readable in
// /proc/PID/environ for the process's whole life, and libpq's documentation advises against it. It remains
// the fallback where memfd_create is missing.
//
// dbops before this wrote the file to $TMPDIR/dbops-pg-XXXXXX/pgpass, and a kill -9 left it there for good:
// removeLeftovers() deletes such folders once no dbops program that could have made them is running.
#include "core/error.h"

#include <QString>

namespace dbops {

class PgSecret {
public:
    PgSecret() = default;
    ~PgSecret();
    PgSecret(const PgSecret &) = delete;
    PgSecret &operator=(const PgSecret &) = delete;

    // Puts `password` into a new memory file; an error when the system offers none (then use PGPASSWORD).
    Error create(const QString &password);
    int fd() const { return m_fd; }       // close-on-exec; -1 before create()
    QString passFilePath() const;         // "/proc/self/fd/N": valid in the child that inherits N
    static void allowInheritance(int fd); // in the child, between fork and exec: async-signal-safe

    // Removes `tempDir`/dbops-pg-XXXXXX folders that hold nothing but a pgpass file, are ours, and were
    // written before every running dbops program started (a program started earlier may still use one).
    // Returns how many it removed.
    static int removeLeftovers(const QString &tempDir);

private:
    int m_fd = -1;
};

} // namespace dbops
