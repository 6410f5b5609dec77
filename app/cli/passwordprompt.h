#pragma once
// The password libpq asks for, typed at the terminal the way psql asks for it: only when stdin is a terminal,
// only when the server wants a password that ~/.pgpass, PGPASSFILE and PGPASSWORD do not give, without echo,
// and kept in memory only (Target::pg.password, handed to libpq and to pg_dump through a memfd). Never from
// argv, never logged, never written.
#include "connection/target.h"
#include "core/error.h"

#include <cstdio>

namespace dbops::cli {

class PasswordPrompt {
public:
    // For a PostgreSQL target without a password, on a terminal: connects once; if the server wants a
    // password libpq has none for, asks for it on stderr and reads it from stdin without echo. Off a terminal
    // it does nothing: the command's own connection fails with AuthFailed, and withHint() says what to do.
    static void askIfNeeded(Target &target);
    // Reads one line from `fd`, with the terminal's echo off while it is read when `fd` is a terminal (and put
    // back after, also on Ctrl-C); `prompt` goes to `promptTo` first. The line without its newline.
    static QString readHidden(int fd, FILE *promptTo, const QString &prompt);
    // A password error with the CLI's answer to "how do I give it one".
    static Error withHint(const Error &error);
};

} // namespace dbops::cli
