#pragma once
// Text that comes from a store (a table, schema or column name) rendered for a message: control characters
// escaped (\n, \r, \t, \xNN), so an error or a report line stays one line whatever the name holds.
#include <QString>

namespace dbops {

class Printable {
public:
    static QString name(const QString &text);
};

} // namespace dbops
