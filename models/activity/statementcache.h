#pragma once
// What a monitor keeps between refreshes so that pg_stat_statements — the costliest read of a refresh, a scan
// of every statement the server tracks — is read on every ReadEvery-th refresh only (the other refreshes show
// the statements read last; pool, running queries and blocking are read every time), and each statement's
// text once.
#include "activity/slowsnapshot.h"

#include <QHash>

namespace dbops {

struct StatementCache {
    static constexpr int ReadEvery = 10; // with the GUI refreshing every second: statements every 10 s
    static constexpr int MaxTexts = 20000; // forgotten all at once beyond this (statements come and go)

    QHash<qint64, QString> texts; // queryid -> statement text
    QList<StatementStat> statements;
    bool usable = false; // pg_stat_statements was usable at the last read
    QString readFor;     // the order and top N the statements were read for
    int sinceRead = -1;  // refreshes since they were read; -1: never

    static QString keyOf(const QString &order, int top) { return order + QLatin1Char('/') + QString::number(top); }
    // True when this refresh may show the statements read last (and counts it).
    bool reuse(const QString &order, int top)
    {
        if (!usable || sinceRead < 0 || sinceRead + 1 >= ReadEvery || keyOf(order, top) != readFor)
            return false;
        ++sinceRead;
        return true;
    }
    void remember(const QString &order, int top, const QList<StatementStat> &read)
    {
        statements = read;
        readFor = keyOf(order, top);
        sinceRead = 0;
        usable = true;
    }
};

} // namespace dbops
