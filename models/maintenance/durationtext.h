#pragma once
// Durations as an operator types them: "90" or "90s", "10m", "2h", "7d" (fractions allowed: "1.5h").
#include "core/expected.h"

namespace dbops {

class DurationText {
public:
    // Seconds; a Usage error naming the text otherwise (negative values are refused).
    static Expected<double> parseSeconds(const QString &text);
    // "45 s", "10 min", "2 h", "3 d": the largest unit that divides it, for messages.
    static QString format(double seconds);
};

} // namespace dbops
