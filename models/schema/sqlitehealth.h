#pragma once
// Table health of one SQLite file, read-only: store facts (page size, freelist, journal mode, auto_vacuum),
// sizes and exact row counts from one dbstat pass aggregated inside SQLite, index findings, data age, and on
// demand quick_check / integrity_check / foreign_key_check (cancellable through OpControl).
// A damaged store never fails the scan: it becomes a critical "corrupt" finding naming the step that failed.
#include "schema/healthoptions.h"
#include "schema/healthreport.h"
#include "worker/opcontrol.h"

namespace dbops {

class SqliteHealth {
public:
    static constexpr double kFreelistWarnPercent = 20;    // free pages above this share of the file …
    static constexpr qint64 kFreelistWarnBytes = 1 << 20; // … and at least this many bytes: warn
    static constexpr qint64 kExactAgeRows = 100000;       // min/max of an unindexed time column up to this many rows

    // Fails only when the file is not an SQLite store at all (missing, empty, other format), on I/O errors,
    // when it is locked, or when cancelled.
    static Expected<HealthReport> scan(const QString &path, const HealthOptions &options = {},
                                       const OpControl &control = {});
};

} // namespace dbops
