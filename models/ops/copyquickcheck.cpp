#include "ops/copyquickcheck.h"

#include "connection/sqlitehandle.h"
#include "dialect/sqltext.h"

namespace dbops {

namespace {
constexpr int kMaxProblems = 5;               // the first few say enough; the rest cost time to collect
constexpr qint64 kMapBytes = qint64(1) << 40; // mapped reads: no copy of each page into SQLite's cache
} // namespace

CopyQuickCheck::CopyQuickCheck(const QString &path, const CancelToken &token)
    : m_thread([this, path, token] { run(path, token); })
{}

CopyQuickCheck::~CopyQuickCheck()
{
    if (m_thread.joinable())
        m_thread.join();
}

void CopyQuickCheck::run(const QString &path, const CancelToken &token)
{
    SqliteHandle db;
    if (Error e = db.open(path, SqliteHandle::Mode::Immutable)) {
        m_result = e;
        return;
    }
    db.setCancelToken(token);
    db.exec(SqlText::sqlite("common", "mmap_size", {{"bytes", QString::number(kMapBytes)}}));
    auto rows = db.query(SqlText::sqlite("common", "quick_check", {{"limit", QString::number(kMaxProblems)}}));
    if (!rows) {
        // A page so damaged that the check itself stops ("database disk image is malformed") is a finding.
        if (rows.error().code == ErrorCode::Corrupt || rows.error().code == ErrorCode::NotSqlite)
            m_result = QStringList{rows.error().detail.isEmpty() ? rows.error().message : rows.error().detail};
        else
            m_result = rows.error();
        return;
    }
    QStringList problems;
    for (const QVariantList &row : rows.value())
        problems << row.value(0).toString();
    if (problems == QStringList{QStringLiteral("ok")})
        problems.clear();
    m_result = problems;
}

Expected<QStringList> CopyQuickCheck::result()
{
    if (m_thread.joinable())
        m_thread.join();
    return m_result;
}

} // namespace dbops
