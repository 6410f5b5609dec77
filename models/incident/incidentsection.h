#pragma once
// What an evidence bundle is made of: sections, each writing one or more files into the bundle's staging
// folder. The core lists its own (IncidentSections::standard()); a front end adds what needs more than the core
// (the history charts, drawn by render/). A section that fails writes its error where its file would be, so the
// bundle is complete either way and the summary says what is missing and why.
#include "connection/envdetector.h"
#include "core/expected.h"
#include "worker/opcontrol.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <functional>

namespace dbops {

// What every section may read: the target, where dbops keeps its files, and what earlier sections found.
struct IncidentContext {
    DetectedTarget detected; // the target and where its settings came from (environment section)
    QDateTime at;            // the capture's time (UTC)
    QString stateFile;       // empty: Paths::stateDatabase() (audit trail, activity history, statement marks)
    QString backupDir;       // empty: Paths::defaultBackupDir()
    QString logFile;         // empty: Paths::logFile()
    QString serverVersion;   // filled by the overview section
    OpControl control;
    QHash<QString, QJsonObject> found; // section name → its JSON, for sections and the summary after it

    const Target &target() const { return detected.target; }
};

// The bundle's staging folder. Every text that goes in is scrubbed: the redaction patterns, and each secret
// the capture knows of (the target's password, PGPASSWORD) replaced literally wherever it stands.
class IncidentFiles {
public:
    IncidentFiles(const QString &dir, const QStringList &secrets);
    Error writeJson(const QString &name, const QJsonObject &object);
    Error writeText(const QString &name, const QString &text);
    Error writeBinary(const QString &name, const QByteArray &bytes); // images: written as they are
    QString scrub(const QString &text) const;
    // {"status":"error","error":{code, message, hint}}: what a section writes in place of data it could not read.
    static QJsonObject errorJson(const Error &error);
    const QStringList &files() const { return m_files; } // relative names, in the order written
    const QString &dir() const { return m_dir; }

private:
    QJsonValue scrubValue(const QJsonValue &value) const;
    Error write(const QString &name, const QByteArray &bytes);
    QString m_dir;
    QStringList m_secrets;
    QStringList m_files;
};

struct IncidentSection {
    struct Data {
        QJsonObject json;
        QString headline; // one line for summary.md: "connections 12 of 97 (12 %), ok"
    };
    using CollectFn = std::function<Expected<Data>(IncidentContext &)>;
    using WriteFn = std::function<Expected<QString>(IncidentContext &, IncidentFiles &)>; // returns the headline

    QString name;  // "pool"; its JSON is "<name>.json"
    QString title; // "Connection pool", the summary's row
    WriteFn write;

    // The usual kind: one JSON file, "<name>.json". A failure is written as {"status":"error","error":{…}}.
    static IncidentSection json(const QString &name, const QString &title, const CollectFn &collect);
};

struct IncidentSectionOutcome {
    QString name;
    QString title;
    QString headline;
    Error error;
    qint64 ms = 0;
};

} // namespace dbops
