#pragma once
// The blocking tree from pg_blocking_pids(): who blocks whom, flattened depth-first with root blockers
// first (those blocking the most sessions before the others). A session blocked by several sessions
// appears under each of them; cycles (a deadlock before the detector runs) are cut where they close.
#include <QHash>
#include <QList>

namespace dbops {

struct BlockingNode {
    int pid = 0;
    int depth = 0;        // 0 for a root blocker
    int parentPid = 0;    // 0 for a root
    int blockedCount = 0; // sessions below it in the tree (distinct)
};

class BlockingTree {
public:
    // blockedBy: pid -> the pids blocking it (only blocked sessions need an entry).
    static QList<BlockingNode> build(const QHash<int, QList<int>> &blockedBy);
};

} // namespace dbops
