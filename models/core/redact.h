#pragma once
#include <QString>

namespace dbops {

// Removes secrets from text before it is logged, shown or stored: URI user-info passwords,
// conninfo `password=` values and `PGPASSWORD=` assignments become "***".
class Redact {
public:
    static QString text(const QString &input);
};

} // namespace dbops
