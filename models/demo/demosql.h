#pragma once
// SQL plumbing shared by the demo generator and the simulated bot: the demo .sql resources cut into
// sections and statements, a batched inserter, and the demo's one time format.
#include "core/error.h"
#include "core/expected.h"
#include "dialect/sqltext.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <initializer_list>

namespace dbops {

class DemoSql {
public:
    using Section = SqlText::Section;

    // SqlText's, under the names the demo code uses.
    static QList<Section> sections(const QString &text, const QString &marker)
    {
        return SqlText::sections(text, marker);
    }
    static QStringList statements(const QString &sql) { return SqlText::statements(sql); }
    // The text of :/sql/sqlite/<name>.sql, or an Internal error when the build lacks it.
    static Expected<QString> resource(const QString &name);
    // A named statement of :/sql/sqlite/demo_queries.sql; empty (and a warning) when there is none.
    static QString query(const QString &name);

    // Runs every statement of `sql` on `db`; `path` names the file in the error.
    static Error execScript(QSqlDatabase db, const QString &sql, const QString &path);
    // Runs one statement without bound values.
    static Error exec(QSqlDatabase db, const QString &sql, const QString &path);
    // The Error for a failed statement on the SQLite file `path`.
    static Error failure(const QSqlQuery &query, const QString &path, const QString &what);

    // 'YYYY-MM-DDTHH:MM:SS.sssZ': the demo's time text (fixed width, so text order is time order).
    static QString isoUtc(qint64 msecsSinceEpoch);
};

// Inserts rows with one prepared statement inside one transaction; rolled back unless finish() succeeds.
// After the first failure further rows are ignored and finish() returns that failure.
class DemoInserter {
public:
    DemoInserter(QSqlDatabase db, const QString &queryName, const QString &path);
    ~DemoInserter();
    DemoInserter(const DemoInserter &) = delete;
    DemoInserter &operator=(const DemoInserter &) = delete;

    void add(std::initializer_list<QVariant> values);
    Error finish();
    int rows() const { return m_rows; }

private:
    QSqlDatabase m_db;
    QSqlQuery m_query;
    QString m_path;
    QString m_queryName;
    Error m_error;
    int m_rows = 0;
    bool m_open = false;
};

// The generator's own connection to an SQLite file it creates: journal_mode=WAL (stored in the file, as the
// bots set it) and foreign keys on. synchronous=OFF while generating is per connection and not stored: a
// half-written demo is re-created, never recovered. The connection is removed on destruction (same thread).
class DemoDatabase {
public:
    explicit DemoDatabase(const QString &path);
    ~DemoDatabase();
    DemoDatabase(const DemoDatabase &) = delete;
    DemoDatabase &operator=(const DemoDatabase &) = delete;

    const Error &error() const { return m_error; }
    QSqlDatabase db() const;
    const QString &path() const { return m_path; }

private:
    QString m_name;
    QString m_path;
    Error m_error;
};

} // namespace dbops
