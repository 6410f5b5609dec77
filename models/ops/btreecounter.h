#pragma once
// Counts the rows of every table from the pages of a database as they stream past during a copy, so a
// backup's manifest carries exact row counts without a second pass over a 1 GiB file (what count(*) would
// cost). Each page's b-tree header is noted (type, cell count, child pointers of interior pages); after the
// last page, each table's tree is walked from its root page. A tree that does not add up (a pointer out of
// range, a type mismatch, a loop) gives no count and the caller falls back to SQL count(*).
#include <QHash>
#include <optional>
#include <vector>

namespace dbops {

class BtreeCounter {
public:
    void setGeometry(int pageSize, int reservedBytes, quint32 pageCount);
    // `page` is page number `pgno` (1-based) of the database, pageSize bytes.
    void addPage(quint32 pgno, const unsigned char *page);
    // Rows in the table whose b-tree is rooted at `rootPage` (rowid tables: cells of the leaves;
    // WITHOUT ROWID tables: cells of every page of the index b-tree).
    std::optional<qint64> count(quint32 rootPage) const;

private:
    int m_pageSize = 0;
    int m_usable = 0;
    quint32 m_pageCount = 0;
    std::vector<quint8> m_type;
    std::vector<quint16> m_cells;
    QHash<quint32, std::vector<quint32>> m_children;
};

} // namespace dbops
