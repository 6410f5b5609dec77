#pragma once
// Values that file jobs (no database) send back to the GUI thread. Wrapped in structs of our own, so the
// metatype declarations stay here and never collide with the core's headers.
#include "audit/auditlog.h"
#include "connection/envdetector.h"
#include "connection/storediscovery.h"

#include <QDateTime>
#include <QMetaType>

namespace dbops {

struct DiscoveryResult {
    QString directory;
    QList<DiscoveredItem> items;
    QDateTime scannedAt;
};

struct DetectionResult {
    DetectedTarget detected;
    Error openError; // set when the detected target was tried and did not open
};

struct AuditResult {
    QString path;
    QList<AuditRecord> records;
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::DiscoveryResult)
Q_DECLARE_METATYPE(dbops::DetectionResult)
Q_DECLARE_METATYPE(dbops::AuditResult)
