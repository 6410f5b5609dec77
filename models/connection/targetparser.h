#pragma once
#include "connection/target.h"
#include "core/expected.h"

namespace dbops {

// Turns what an operator typed (CLI --db, connection dialog) into a Target:
//   /path/to/file.db, ./rel.db, sqlite:///abs/path  -> SQLite file (a directory -> data directory)
//   postgresql://user[:pw]@host:port/db?sslmode=…  (also postgres://)
//   service=name, or conninfo "host=… port=… dbname=… user=… sslmode=…"
// A bare word that is neither a path nor a URI is a profile name: parse() returns a Usage error whose
// message says so; callers that have profiles look the word up first (see ProfileStore::resolve).
class TargetParser {
public:
    static Expected<Target> parse(const QString &text);
    static bool looksLikeProfileName(const QString &text);

private:
    static Expected<Target> parseUri(const QString &text);
    static Expected<Target> parseConninfo(const QString &text);
    static Target parsePath(const QString &text);
};

} // namespace dbops
