#pragma once
#include <QString>

namespace dbops {

// Catalog SQL is kept in resources/sql/<dialect>/<name>.sql, not in C++ strings.
class SqlText {
public:
    // Leads every statement the console sends to PostgreSQL, so that its own statements can be told apart in
    // pg_stat_statements and pg_stat_activity and left out of what it shows (as pghero hides its own). No '?'
    // and no apostrophe: QPSQL's placeholder conversion does not know comments.
    static constexpr const char *kConsoleMarker = "/* dbops */";

    // dialect: "sqlite" | "postgresql". Returns the text, or an empty string (and logs) when missing.
    // PostgreSQL texts come marked (kConsoleMarker in front).
    static QString get(const QString &dialect, const QString &name);
    // A PostgreSQL statement built in code, marked as the console's own.
    static QString marked(const QString &sql);
    // Whether a statement text (pg_stat_statements, pg_stat_activity) is one the console sent.
    static bool isConsoleStatement(const QString &sql);
};

} // namespace dbops
