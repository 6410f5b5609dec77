// Alert state per target and rule in a real state.db: one alert per change of state, not one per check; a
// recovery when it clears; nothing for a rule first seen ok; the console's and the watch's states apart; an
// event no notifier took kept until it is settled.
#include "alert/alertrules.h"
#include "alert/alertstore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace dbops;

namespace {

const QString kTarget = QStringLiteral("/bots/trading.db");
const QDateTime kAt = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC);

AlertObservation seen(const QString &rule, const QString &state)
{
    return {rule, state, QStringLiteral("%1 is %2").arg(rule, state), QJsonValue(7)};
}

} // namespace

class TestAlertStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString stateDb(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void changeGivesOneEvent_data()
    {
        QTest::addColumn<QString>("stored"); // empty: never seen
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("kind"); // empty: no event
        QTest::addColumn<QString>("previous");
        QTest::newRow("first seen ok") << QString() << "ok" << QString() << QString();
        QTest::newRow("first seen warning") << QString() << "warning"
                                            << "alert"
                                            << "unknown";
        QTest::newRow("ok to warning") << "ok"
                                       << "warning"
                                       << "alert"
                                       << "ok";
        QTest::newRow("warning to critical") << "warning"
                                             << "critical"
                                             << "alert"
                                             << "warning";
        QTest::newRow("critical to warning") << "critical"
                                             << "warning"
                                             << "alert"
                                             << "critical";
        QTest::newRow("critical to ok") << "critical"
                                        << "ok"
                                        << "recovery"
                                        << "critical";
        QTest::newRow("warning again") << "warning"
                                       << "warning" << QString() << QString();
        QTest::newRow("ok again") << "ok"
                                  << "ok" << QString() << QString();
    }
    void changeGivesOneEvent()
    {
        QFETCH(QString, stored);
        QFETCH(QString, now);
        QFETCH(QString, kind);
        QFETCH(QString, previous);
        QMap<QString, AlertStateRow> rows;
        if (!stored.isEmpty())
            rows.insert(QStringLiteral("backup"), {stored, {}, {}, kAt.addSecs(-600)});
        const QList<AlertEvent> events = AlertStore::changes(kTarget, rows, {seen(QStringLiteral("backup"), now)}, kAt);
        QCOMPARE(events.size(), kind.isEmpty() ? 0 : 1);
        if (kind.isEmpty())
            return;
        QCOMPARE(events.first().kind(), kind);
        QCOMPARE(events.first().previousState, previous);
        QCOMPARE(events.first().state, now);
    }

    void statePersistsBetweenChecks()
    {
        QVERIFY(m_dir.isValid());
        const QString db = stateDb("persist.db");
        QCOMPARE(AlertStore(db).update(kTarget, {seen(QStringLiteral("backup"), QStringLiteral("ok"))}, kAt)->size(),
                 0);
        auto fired = AlertStore(db).update(kTarget, {seen(QStringLiteral("backup"), QStringLiteral("warning"))}, kAt);
        QVERIFY(fired);
        QCOMPARE(fired->size(), 1);
        // Another process (a new AlertStore on the same file) checking again: the same state fires nothing.
        auto again = AlertStore(db).update(kTarget, {seen(QStringLiteral("backup"), QStringLiteral("warning"))}, kAt);
        QVERIFY(again);
        QCOMPARE(again->size(), 0);
        auto active = AlertStore(db).active(kTarget);
        QVERIFY(active);
        QCOMPARE(active->size(), 1);
        QCOMPARE(active->first().rule, QStringLiteral("backup"));
    }

    void unobservedRuleKeepsItsState()
    {
        const QString db = stateDb("keep.db");
        QVERIFY(AlertStore(db).update(kTarget, {seen(QStringLiteral("wal"), QStringLiteral("critical"))}, kAt));
        // A check that could not read the row says nothing about it: no recovery, still active.
        auto events = AlertStore(db).update(kTarget, {}, kAt);
        QVERIFY(events);
        QCOMPARE(events->size(), 0);
        QCOMPARE(AlertStore(db).active(kTarget)->size(), 1);
    }

    void watchersKeepTheirOwnStates()
    {
        const QString db = stateDb("watchers.db");
        const QList<AlertObservation> bad{seen(QStringLiteral("backup"), QStringLiteral("critical"))};
        QCOMPARE(AlertStore(db, QStringLiteral("console")).update(kTarget, bad, kAt)->size(), 1);
        // The console recording it first does not swallow the watch's notification.
        QCOMPARE(AlertStore(db, QStringLiteral("watch")).update(kTarget, bad, kAt)->size(), 1);
    }

    void undeliveredEventWaitsUntilSettled()
    {
        const QString db = stateDb("pending.db");
        auto fired = AlertStore(db).update(kTarget, {seen(QStringLiteral("backup"), QStringLiteral("critical"))}, kAt);
        QVERIFY(fired && fired->size() == 1);
        QVERIFY(!AlertStore(db).settle(kTarget, {}, fired.value()));
        auto owed = AlertStore(db).undelivered(kTarget, kAt); // another process, the next evaluation
        QVERIFY(owed);
        QCOMPARE(owed->size(), 1);
        QCOMPARE(owed->first().rule, QStringLiteral("backup"));
        QCOMPARE(owed->first().state, QStringLiteral("critical"));
        QCOMPARE(owed->first().previousState, QStringLiteral("unknown"));
        QCOMPARE(owed->first().at, kAt);
        QCOMPARE(owed->first().value.toInt(), 7);
        QVERIFY(!AlertStore(db).settle(kTarget, owed.value(), {}));
        QCOMPARE(AlertStore(db).undelivered(kTarget, kAt)->size(), 0);
    }

    // Owed for more than a week (a target no longer watched, a notifier gone for good): dropped, whatever the
    // target; a younger one of the same watcher stays owed.
    void undeliveredEventExpiresAfterAWeek()
    {
        const QString db = stateDb("expiring.db");
        const QString gone = QStringLiteral("/bots/retired.db");
        auto old = AlertStore(db).update(gone, {seen(QStringLiteral("backup"), QStringLiteral("critical"))}, kAt);
        QVERIFY(old && old->size() == 1);
        QVERIFY(!AlertStore(db).settle(gone, {}, old.value()));
        const QDateTime dayLater = kAt.addDays(AlertStore::kPendingDays);
        auto young =
            AlertStore(db).update(kTarget, {seen(QStringLiteral("disk"), QStringLiteral("critical"))}, dayLater);
        QVERIFY(young && young->size() == 1);
        QVERIFY(!AlertStore(db).settle(kTarget, {}, young.value()));
        const QDateTime now = kAt.addDays(AlertStore::kPendingDays).addSecs(60);
        QCOMPARE(AlertStore(db).undelivered(kTarget, now)->size(), 1); // the week-old one of the other target: gone
        QCOMPARE(AlertStore(db).undelivered(gone, now)->size(), 0);
        QCOMPARE(AlertStore(db).undelivered(gone, kAt)->size(), 0); // dropped, not hidden
    }

    void unreachableTargetIsAnAlert()
    {
        StatusBoard board;
        board.target = kTarget;
        board.error = Error::make(ErrorCode::NotFound, QStringLiteral("no such file %1").arg(kTarget));
        const QList<AlertObservation> seen = AlertRules::observe(board);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().rule, QStringLiteral("reachable"));
        QCOMPARE(seen.first().state, QStringLiteral("critical"));
    }

    void unknownRowSaysNothing()
    {
        StatusBoard board;
        board.target = kTarget;
        StatusCheck c = StatusCheck::named(QStringLiteral("queries"), QStringLiteral("activity"), QString());
        c.state = CheckState::Unknown;
        board.checks << c;
        for (const AlertObservation &o : AlertRules::observe(board))
            QVERIFY2(o.rule != QLatin1String("queries"), qPrintable(o.state));
    }

    void healthWarningIsNoAlert_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("alert");
        QTest::newRow("warning") << int(CheckState::Warning) << "ok";
        QTest::newRow("critical") << int(CheckState::Critical) << "critical";
    }
    void healthWarningIsNoAlert()
    {
        QFETCH(int, state);
        QFETCH(QString, alert);
        StatusBoard board;
        StatusCheck c = StatusCheck::named(QStringLiteral("health"), QStringLiteral("health"), QString());
        c.state = CheckState(state);
        board.checks << c;
        bool found = false;
        for (const AlertObservation &o : AlertRules::observe(board))
            if (o.rule == QLatin1String("health")) {
                found = true;
                QCOMPARE(o.state, alert);
            }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestAlertStore)
#include "tst_alertstore.moc"
