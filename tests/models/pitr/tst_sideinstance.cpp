// The rules a side instance's directory must meet before pgBackRest writes into it (new, or empty, owned by the
// cluster's user, mode 0700), the marker that lets `side-instance --stop` remove it, the port check, and the
// moment in the form pgBackRest's --target wants. Real directories and sockets, no server needed.
#include "pitr/pgbackrestengine.h"
#include "pitr/pitrdatadir.h"
#include "pitr/sideinstance.h"
#include "pitr/sideinstanceregistry.h"

#include <QtTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dbops;

namespace {
// The cluster's user as dbops picks it: postgres when root (the CI), else the user running the test.
const QString kOwner = QStringLiteral("postgres");
} // namespace

class TestSideInstance : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Open to the cluster's user, as a folder for side instances must be when dbops runs as root.
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ExeOther));
        qputenv("XDG_STATE_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
    }

    void newDirectoryIsCreatedPrivateAndOwnedByTheCluster()
    {
        const QString path = m_dir.filePath(QStringLiteral("new"));
        QVERIFY(!PitrDataDir::prepare(path, kOwner));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0700);
        QCOMPARE(uint(st.st_uid), PitrDataDir::ownerUid(kOwner).value());
    }

    void unfitDirectoryIsRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("withFile");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("says");
        QTest::newRow("not empty") << QStringLiteral("full") << true << 0700 << QStringLiteral("not empty");
        QTest::newRow("readable by others") << QStringLiteral("open") << false << 0755 << QStringLiteral("0700");
        QTest::newRow("no parent") << QStringLiteral("missing/side") << false << 0 << QStringLiteral("no parent");
    }
    void unfitDirectoryIsRefused()
    {
        QFETCH(QString, name);
        QFETCH(bool, withFile);
        QFETCH(int, mode);
        QFETCH(QString, says);
        const QString path = m_dir.filePath(name);
        if (mode) {
            QVERIFY(!PitrDataDir::prepare(path, kOwner)); // made right, then spoiled
            QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
        }
        if (withFile) {
            QFile f(path + QStringLiteral("/somebody.txt"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const Error e = PitrDataDir::prepare(path, kOwner);
        QCOMPARE(e.code, ErrorCode::Usage);
        QVERIFY2(e.message.contains(says) && e.message.contains(path), qPrintable(e.oneLine()));
        QVERIFY(!e.hint.isEmpty());
    }

    void directoryOutOfTheClustersReachIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("only dbops as root hands the directory to another user (postgres)");
        const QString closed = m_dir.filePath(QStringLiteral("closed"));
        QVERIFY(QDir().mkpath(closed));
        QVERIFY(QFile::setPermissions(closed, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const Error e = PitrDataDir::prepare(closed + QStringLiteral("/side"), kOwner);
        QCOMPARE(e.code, ErrorCode::Usage);
        QVERIFY2(e.message.contains(QStringLiteral("reach")) && e.message.contains(closed), qPrintable(e.oneLine()));
        QVERIFY(e.hint.contains(QStringLiteral("chmod o+x")));
        QVERIFY(!QFileInfo::exists(closed + QStringLiteral("/side")));
    }

    void markerIsReadBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("marked"));
        QVERIFY(QDir().mkpath(path));
        SideInstanceMarker m;
        m.port = 5499;
        m.source = QStringLiteral("postgresql://bot@db:5432/botdb");
        m.stanza = QStringLiteral("main");
        m.restoredTo = QDateTime(QDate(2026, 12, 5), QTime(9, 41, 0, 250), Qt::UTC);
        m.createdAt = QDateTime::currentDateTimeUtc();
        QVERIFY(!m.write(path));
        auto back = SideInstanceMarker::read(path);
        QVERIFY(back);
        QCOMPARE(back->port, 5499);
        QCOMPARE(back->source, m.source);
        QCOMPARE(back->restoredTo, m.restoredTo);
    }

    void directoryWithoutMarkerIsNotTakenForASideInstance()
    {
        const QString path = m_dir.filePath(QStringLiteral("unmarked"));
        QVERIFY(QDir().mkpath(path));
        QFile f(path + QStringLiteral("/PG_VERSION"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QCOMPARE(SideInstanceMarker::read(path).error().code, ErrorCode::Refused);
        QCOMPARE(SideInstance(path).stopAndRemove().code, ErrorCode::Refused);
        QVERIFY(QFile::exists(path + QStringLiteral("/PG_VERSION")));
    }

    void registryListsMarkedDirectoriesOnly()
    {
        const QString marked = m_dir.filePath(QStringLiteral("listed")), lost = m_dir.filePath(QStringLiteral("lost"));
        SideInstanceMarker m;
        m.port = 5498;
        m.createdAt = QDateTime::currentDateTimeUtc();
        for (const QString &dir : {marked, lost}) {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(!m.write(dir));
            QVERIFY(!SideInstanceRegistry::add(dir));
        }
        QVERIFY(QFile::remove(lost + QLatin1Char('/') + SideInstanceMarker::fileName())); // removed by hand
        const QList<SideInstanceEntry> entries = SideInstanceRegistry::list();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().marker.dataDirectory, marked);
        QCOMPARE(entries.first().marker.port, 5498);
        QCOMPARE(entries.first().running, false);                                           // no postmaster.pid
        QCOMPARE(QDir(SideInstanceRegistry::directory()).entryList(QDir::Files).size(), 1); // the lost one forgotten
        QVERIFY(!SideInstance(marked).stopAndRemove());
        QVERIFY(SideInstanceRegistry::list().isEmpty());
    }

    void portInUseIsRefused()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(fd, 1) == 0 &&
                ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
        const int port = ntohs(addr.sin_port);
        const Error busy = SideInstance::checkPortFree(port);
        ::close(fd);
        QCOMPARE(busy.code, ErrorCode::Usage);
        QVERIFY(busy.message.contains(QString::number(port)));
        QVERIFY(!SideInstance::checkPortFree(port)); // free again
    }

    void targetTimeIsPgBackRestsForm()
    {
        const QDateTime local = QDateTime(QDate(2026, 12, 5), QTime(10, 41, 0, 250), QTimeZone(3600));
        QCOMPARE(PgBackRestEngine::targetTime(local), QStringLiteral("2026-12-05 09:41:00.250000+00"));
    }
};

QTEST_GUILESS_MAIN(TestSideInstance)
#include "tst_sideinstance.moc"
