// Expected<T>: a value read from a temporary is the value itself, not a reference into the dead temporary (a
// range-for over `f().value()` crashed the alert tests that way), and an lvalue still hands out references.
#include "core/expected.h"

#include <QStringList>
#include <QtTest>
#include <type_traits>

using namespace dbops;

namespace {
Expected<QStringList> names() { return QStringList{QStringLiteral("trades"), QStringLiteral("orders")}; }
Expected<QStringList> failed() { return Error::make(ErrorCode::NotFound, QStringLiteral("no such store")); }
} // namespace

class TestExpected : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void temporaryGivesItsValueAway()
    {
        static_assert(std::is_same_v<decltype(names().value()), QStringList>);
        static_assert(std::is_same_v<decltype(*names()), QStringList>);
        QStringList seen;
        for (const QString &n : names().value()) // lives as long as the loop
            seen << n;
        QCOMPARE(seen, (QStringList{QStringLiteral("trades"), QStringLiteral("orders")}));
    }

    void lvalueGivesReferences()
    {
        Expected<QStringList> e = names();
        static_assert(std::is_same_v<decltype(e.value()), QStringList &>);
        e.value() << QStringLiteral("fills");
        QCOMPARE(e->size(), 3);
    }

    void errorIsKept()
    {
        const Expected<QStringList> e = failed();
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::NotFound);
        QCOMPARE(e.error().message, QStringLiteral("no such store"));
    }
};

QTEST_GUILESS_MAIN(TestExpected)
#include "tst_expected.moc"
