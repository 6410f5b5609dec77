#include "ops/btreecounter.h"

namespace dbops {

namespace {
constexpr quint8 kInteriorIndex = 0x02, kInteriorTable = 0x05, kLeafIndex = 0x0a, kLeafTable = 0x0d;

inline quint32 be32(const unsigned char *p)
{
    return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3];
}
inline quint16 be16(const unsigned char *p) { return quint16(p[0] << 8 | p[1]); }
} // namespace

void BtreeCounter::setGeometry(int pageSize, int reservedBytes, quint32 pageCount)
{
    m_pageSize = pageSize;
    m_usable = pageSize - reservedBytes;
    m_pageCount = pageCount;
    m_type.assign(size_t(pageCount) + 1, 0);
    m_cells.assign(size_t(pageCount) + 1, 0);
    m_children.clear();
}

void BtreeCounter::addPage(quint32 pgno, const unsigned char *page)
{
    if (pgno == 0 || pgno > m_pageCount)
        return;
    const int header = pgno == 1 ? 100 : 0;
    const unsigned char *h = page + header;
    const quint8 type = h[0];
    if (type != kInteriorIndex && type != kInteriorTable && type != kLeafIndex && type != kLeafTable)
        return; // overflow, freelist or pointer-map page: never reached from a root
    const quint16 cells = be16(h + 3);
    m_type[pgno] = type;
    m_cells[pgno] = cells;
    if (type == kInteriorIndex || type == kInteriorTable) {
        const int pointerArray = header + 12;
        if (pointerArray + 2 * cells > m_usable) {
            m_type[pgno] = 0xff; // impossible header: unusable
            return;
        }
        std::vector<quint32> &children = m_children[pgno];
        children.reserve(size_t(cells) + 1);
        for (int i = 0; i < cells; ++i) {
            const int offset = be16(page + pointerArray + 2 * i);
            if (offset < pointerArray || offset + 4 > m_usable) {
                m_type[pgno] = 0xff;
                return;
            }
            children.push_back(be32(page + offset));
        }
        children.push_back(be32(h + 8)); // right-most child
    }
}

std::optional<qint64> BtreeCounter::count(quint32 rootPage) const
{
    if (rootPage == 0 || rootPage > m_pageCount)
        return std::nullopt;
    const quint8 rootType = m_type[rootPage];
    const bool table = rootType == kInteriorTable || rootType == kLeafTable;
    if (!table && rootType != kInteriorIndex && rootType != kLeafIndex)
        return std::nullopt;
    const quint8 interior = table ? kInteriorTable : kInteriorIndex;
    const quint8 leaf = table ? kLeafTable : kLeafIndex;
    qint64 rows = 0;
    quint32 visited = 0;
    std::vector<quint32> stack{rootPage};
    while (!stack.empty()) {
        const quint32 pgno = stack.back();
        stack.pop_back();
        if (pgno == 0 || pgno > m_pageCount || ++visited > m_pageCount)
            return std::nullopt; // out of range, or a loop
        const quint8 type = m_type[pgno];
        if (type == leaf) {
            rows += m_cells[pgno];
        } else if (type == interior) {
            if (!table)
                rows += m_cells[pgno]; // index b-tree interior cells hold entries too
            const auto it = m_children.constFind(pgno);
            if (it == m_children.constEnd())
                return std::nullopt;
            stack.insert(stack.end(), it->begin(), it->end());
        } else {
            return std::nullopt;
        }
    }
    return rows;
}

} // namespace dbops
