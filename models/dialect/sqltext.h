#pragma once
#include <QString>

namespace dbops {

// Catalog SQL is kept in resources/sql/<dialect>/<name>.sql, not in C++ strings.
class SqlText {
public:
    // dialect: "sqlite" | "postgresql". Returns the text, or an empty string (and logs) when missing.
    static QString get(const QString &dialect, const QString &name);
};

} // namespace dbops
