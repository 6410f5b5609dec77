#include "activity/blockingtree.h"

#include <QSet>
#include <algorithm>

namespace dbops {

namespace {

using Children = QHash<int, QList<int>>;

void collectBelow(const Children &children, int pid, QSet<int> &seen)
{
    for (int child : children.value(pid))
        if (!seen.contains(child)) {
            seen.insert(child);
            collectBelow(children, child, seen);
        }
}

int countBelow(const Children &children, int pid)
{
    QSet<int> seen;
    collectBelow(children, pid, seen);
    seen.remove(pid);
    return seen.size();
}

void walk(const Children &children, int pid, int parent, int depth, QList<int> &path, QList<BlockingNode> &out)
{
    out << BlockingNode{pid, depth, parent, countBelow(children, pid)};
    path << pid;
    for (int child : children.value(pid))
        if (!path.contains(child))
            walk(children, child, pid, depth + 1, path, out);
    path.removeLast();
}

} // namespace

QList<BlockingNode> BlockingTree::build(const QHash<int, QList<int>> &blockedBy)
{
    Children children;
    QSet<int> all;
    for (auto it = blockedBy.cbegin(); it != blockedBy.cend(); ++it) {
        all.insert(it.key());
        for (int blocker : it.value()) {
            all.insert(blocker);
            if (!children[blocker].contains(it.key()))
                children[blocker] << it.key();
        }
    }
    for (QList<int> &c : children)
        std::sort(c.begin(), c.end());
    QList<int> roots;
    for (int pid : all)
        if (blockedBy.value(pid).isEmpty())
            roots << pid;
    // Sessions only reachable through a cycle: the lowest pid of what is left becomes a root.
    QSet<int> reached;
    for (int r : roots) {
        reached.insert(r);
        collectBelow(children, r, reached);
    }
    QList<int> rest(all.cbegin(), all.cend());
    std::sort(rest.begin(), rest.end());
    for (int pid : rest)
        if (!reached.contains(pid)) {
            roots << pid;
            reached.insert(pid);
            collectBelow(children, pid, reached);
        }
    std::sort(roots.begin(), roots.end(), [&](int a, int b) {
        const int ca = countBelow(children, a), cb = countBelow(children, b);
        return ca != cb ? ca > cb : a < b;
    });
    QList<BlockingNode> out;
    QList<int> path;
    for (int r : roots)
        walk(children, r, 0, 0, path, out);
    return out;
}

} // namespace dbops
