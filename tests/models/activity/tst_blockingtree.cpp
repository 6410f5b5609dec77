// The blocking tree's shape: roots first by how many they block, several blockers, cycles cut.
#include "activity/blockingtree.h"

#include <QtTest>

using namespace dbops;

using Shape = QList<QPair<int, int>>; // (pid, depth)
using BlockedBy = QHash<int, QList<int>>;
Q_DECLARE_METATYPE(Shape)
Q_DECLARE_METATYPE(BlockedBy)

class TestBlockingTree : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapes_data()
    {
        QTest::addColumn<BlockedBy>("blockedBy");
        QTest::addColumn<Shape>("shape");
        QTest::newRow("nothing blocked") << BlockedBy{} << Shape{};
        QTest::newRow("chain") << BlockedBy{{2, {1}}, {3, {2}}} << Shape{{1, 0}, {2, 1}, {3, 2}};
        QTest::newRow("bigger root first")
            << BlockedBy{{2, {1}}, {11, {10}}, {12, {10}}} << Shape{{10, 0}, {11, 1}, {12, 1}, {1, 0}, {2, 1}};
        QTest::newRow("two blockers") << BlockedBy{{3, {1, 2}}} << Shape{{1, 0}, {3, 1}, {2, 0}, {3, 1}};
        QTest::newRow("cycle") << BlockedBy{{1, {2}}, {2, {1}}} << Shape{{1, 0}, {2, 1}};
    }

    void shapes()
    {
        QFETCH(BlockedBy, blockedBy);
        QFETCH(Shape, shape);
        Shape got;
        for (const BlockingNode &n : BlockingTree::build(blockedBy))
            got << qMakePair(n.pid, n.depth);
        QCOMPARE(got, shape);
    }

    void blockedCountIsDistinct()
    {
        const QList<BlockingNode> tree = BlockingTree::build({{2, {1}}, {3, {1, 2}}});
        QCOMPARE(tree.first().pid, 1);
        QCOMPARE(tree.first().blockedCount, 2);
    }
};

QTEST_GUILESS_MAIN(TestBlockingTree)
#include "tst_blockingtree.moc"
