#pragma once
// One evidence bundle: every section captured into a staging folder, a summary.md an operator pastes into a
// ticket, a SHA256SUMS of every file (`sha256sum -c SHA256SUMS` inside the folder), packed by the system's
// `tar` into dbops-incident-<target>-<UTC time>.tar.gz, written under a temporary name and renamed.
//
//   IncidentRequest r{detected, outDir};
//   auto result = IncidentBundle::capture(r, IncidentSections::standard(), control); // CLI: calling thread
//   worker->submit("capture incident", IncidentJobs::capture(r, sections), false);    // GUI
#include "incident/incidentsection.h"

#include <QMetaType>

namespace dbops {

struct IncidentRequest {
    DetectedTarget detected;
    QString outDir;
    QString stateFile; // empty: the defaults (see IncidentContext)
    QString backupDir;
    QString logFile;
};

struct IncidentResult {
    QString path; // the archive
    qint64 bytes = 0;
    QString folder; // the folder inside it
    QStringList files;
    QList<IncidentSectionOutcome> sections;
    qint64 ms = 0;

    int failedSections() const;
    // status ("ok" | "partial"), path, bytes, folder, files, seconds, sections[{name, title, headline, status,
    // error}]
    QJsonObject toJson() const;
};

class IncidentBundle {
public:
    // "dbops-incident-trading-20261204T201503Z" (no extension): the target's database name, made file-safe.
    static QString baseName(const Target &target, const QDateTime &at);
    // Cancel: between sections and while tar runs; nothing is left behind.
    static Expected<IncidentResult> capture(const IncidentRequest &request, const QList<IncidentSection> &sections,
                                            const OpControl &control = {});
};

} // namespace dbops

Q_DECLARE_METATYPE(dbops::IncidentResult)
