#pragma once
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace dbops {

// Catalog SQL is kept in resources/sql/<dialect>/<name>.sql, not in C++ strings. A file either holds one
// statement, or named statements: a line "-- name: <key>" starts each (short statements of one area).
class SqlText {
public:
    // Leads every statement the console sends to PostgreSQL, so that its own statements can be told apart in
    // pg_stat_statements and pg_stat_activity and left out of what it shows (as pghero hides its own). No '?'
    // and no apostrophe: QPSQL's placeholder conversion does not know comments.
    static constexpr const char *kConsoleMarker = "/* dbops */";

    struct Section {
        QString key;  // first word after the marker ("001", "begin"); empty before the first marker
        QString name; // the rest of the marker line, may be empty
        QString body; // the text up to the next marker, trimmed
    };

    // dialect: "sqlite" | "postgresql". Returns the text, or an empty string (and logs) when missing.
    // PostgreSQL texts come marked (kConsoleMarker in front).
    static QString get(const QString &dialect, const QString &name);
    // The statement "-- name: <key>" of the file `file`, without comment lines; marked like get().
    static QString get(const QString &dialect, const QString &file, const QString &key);
    // The same, never marked: a statement the operator sees before it runs (marked when it runs).
    static QString plain(const QString &dialect, const QString &file, const QString &key);
    // Short forms of get() for the two dialects, with fill() when there are values.
    static QString sqlite(const char *file, const char *key, const QHash<QString, QString> &values = {});
    static QString postgresql(const char *file, const char *key, const QHash<QString, QString> &values = {});

    // Puts values in for the "{key}" placeholders of a template, in one pass: an inserted value is not searched
    // again, and a "{word}" with no value stays as it is. Values are identifiers the caller quoted
    // (SqliteHandle::quoteIdentifier, PgName) or numbers and keywords chosen in code; data is bound, not filled.
    static QString fill(const QString &sql, const QHash<QString, QString> &values);

    // A PostgreSQL statement built in code, marked as the console's own.
    static QString marked(const QString &sql);
    // Whether a statement text (pg_stat_statements, pg_stat_activity) is one the console sent.
    static bool isConsoleStatement(const QString &sql);

    // Cuts `text` at lines that start with `marker` (e.g. "-- name:" or "-- migration:").
    static QList<Section> sections(const QString &text, const QString &marker);
    // Drops comment lines and splits at ";" ending a line. Empty statements are skipped.
    static QStringList statements(const QString &sql);
};

} // namespace dbops
