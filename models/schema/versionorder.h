#pragma once
// Orders migration versions the way people read them: digit runs compare as numbers ("9" < "10",
// "1.10" > "1.9"), everything else as text.
#include <QString>

namespace dbops {

class VersionOrder {
public:
    // <0, 0, >0 like strcmp.
    static int compare(const QString &a, const QString &b);
    static bool less(const QString &a, const QString &b) { return compare(a, b) < 0; }
};

} // namespace dbops
