// The log goes to a rotating file in the XDG state dir and to the panel's buffer, never with a password.
#include "log/logbuffer.h"
#include "log/logging.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <spdlog/spdlog.h>

using namespace dbops;

class TestLogging : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_STATE_HOME", m_dir.path().toUtf8());
        Logging::setup(Logging::Mode::Gui);
    }

    void fileIsInXdgStateDir() { QCOMPARE(Logging::file(), m_dir.path() + QStringLiteral("/dbops/dbops.log")); }

    void messageReachesFileAndBufferRedacted()
    {
        QSignalSpy recorded(Logging::buffer(), &LogBuffer::recorded);
        spdlog::warn("connecting to postgresql://bot:TopSecret1@db/trading");
        spdlog::default_logger()->flush();
        QCOMPARE(recorded.size(), 1);
        const LogRecord r = recorded.first().at(0).value<LogRecord>();
        QCOMPARE(r.level, QStringLiteral("warning"));
        QCOMPARE(r.message, QStringLiteral("connecting to postgresql://bot:***@db/trading"));
        QFile f(Logging::file());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("postgresql://bot:***@db/trading"));
        QVERIFY(!text.contains("TopSecret1"));
    }

    void qtMessagesAreRouted()
    {
        QSignalSpy recorded(Logging::buffer(), &LogBuffer::recorded);
        qWarning("from Qt password=hunter2");
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().at(0).value<LogRecord>().message, QStringLiteral("qt: from Qt password=***"));
    }

    void bufferIsCapped()
    {
        LogBuffer buffer(3);
        for (int i = 0; i < 5; ++i)
            buffer.append(
                {QDateTime::currentDateTime(), QStringLiteral("info"), QStringLiteral("t"), QString::number(i)});
        const auto records = buffer.snapshot();
        QCOMPARE(records.size(), 3);
        QCOMPARE(records.first().message, QStringLiteral("2"));
        QCOMPARE(records.last().message, QStringLiteral("4"));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
