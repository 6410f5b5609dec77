// The side-instance restore dialog: Restore stays disabled, and the dialog says in words what is wrong, while the
// moment is outside the stanza's restorable window, the port is taken on 127.0.0.1, or the data directory holds
// something; with none of that it hands back exactly what was asked. Directory and port are checked on a real
// worker against the real disk and a socket this test holds; the stanza is a value PitrJobs would read.
#include "connection/sessionoptions.h"
#include "dialogs/siderestoredialog.h"
#include "worker/dbworker.h"

#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace dbops;

namespace {
const QDateTime kT0 = QDateTime(QDate(2026, 12, 1), QTime(2, 0), QTimeZone::utc());

PitrInfo stanza()
{
    PitrInfo info;
    info.engine = QStringLiteral("pgbackrest");
    info.stanza = QStringLiteral("trading");
    info.status = QStringLiteral("ok");
    PitrBackup full;
    full.label = QStringLiteral("20261201-020000F");
    full.type = QStringLiteral("full");
    full.start = kT0;
    full.stop = kT0.addSecs(90);
    info.backups << full;
    info.restorableFrom = full.stop;
    info.restorableTo = kT0.addSecs(12 * 3600);
    return info;
}

// A socket listening on 127.0.0.1 (a port another server holds), closed with the object.
struct Listener {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    Listener()
    {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 && ::listen(fd, 1) == 0 &&
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
            port = ntohs(addr.sin_port);
    }
    ~Listener() { ::close(fd); }
};
} // namespace

class TestSideRestoreDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    DbWorker *m_files = nullptr;

    static void typeInto(QWidget *field, const QString &text)
    {
        if (auto *line = qobject_cast<QLineEdit *>(field))
            line->selectAll();
        if (auto *spin = qobject_cast<QSpinBox *>(field))
            spin->selectAll();
        QTest::keyClicks(field, text); // as the operator types: the first key replaces what was there
    }
    static QPushButton *restoreButton(const SideRestoreDialog &d)
    {
        return d.findChild<QPushButton *>(QStringLiteral("sideRestoreButton"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Open to the cluster's user (postgres, who writes the data directory when the tests run as root), but for
        // one folder closed to it.
        QVERIFY(QFile::setPermissions(m_tmp.path(), QFile::permissions(m_tmp.path()) | QFile::ExeOther));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("closed"))));
        QVERIFY(QFile::setPermissions(m_tmp.filePath(QStringLiteral("closed")),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("xdg")).toUtf8());
        m_files = new DbWorker(Target{}, SessionOptions::monitor(), QStringLiteral("files"), this);
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("used"))));
        QFile somebodys(m_tmp.filePath(QStringLiteral("used/keep.txt")));
        QVERIFY(somebodys.open(QIODevice::WriteOnly));
        QFile plain(m_tmp.filePath(QStringLiteral("plain-file")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
    }

    void refusesAndSaysWhy_data()
    {
        QTest::addColumn<int>("atHours"); // the moment, hours after the oldest backup's start
        QTest::addColumn<QString>("dir");
        QTest::addColumn<bool>("takenPort");
        QTest::addColumn<QString>("says");
        QTest::newRow("moment before the window") << -1 << "new" << false << "outside the restorable window";
        QTest::newRow("moment after the window") << 13 << "new" << false << "outside the restorable window";
        QTest::newRow("taken port") << 4 << "new" << true << "is in use";
        QTest::newRow("non-empty directory") << 4 << "used" << false << "is not empty";
        QTest::newRow("a file, not a directory") << 4 << "plain-file" << false << "is a file";
        if (::geteuid() == 0) // as root, postgres writes the cluster: a folder closed to it is no place for one
            QTest::newRow("out of postgres's reach") << 4 << "closed/new" << false << "cannot enter";
    }
    void refusesAndSaysWhy()
    {
        QFETCH(int, atHours);
        QFETCH(QString, dir);
        QFETCH(bool, takenPort);
        QFETCH(QString, says);
        const Listener taken;
        QVERIFY(taken.port > 0);
        SideRestoreDialog d(stanza(), kT0.addSecs(atHours * 3600), m_files);
        d.show();
        typeInto(d.findChild<QLineEdit *>(QStringLiteral("sideDirectory")), m_tmp.filePath(dir));
        if (takenPort)
            typeInto(d.findChild<QSpinBox *>(QStringLiteral("sidePort")), QString::number(taken.port));
        QTRY_VERIFY2(d.problems().contains(says), qPrintable(d.problems()));
        QVERIFY(!d.canRestore());
        QVERIFY(!restoreButton(d)->isEnabled());
        const auto *shown = d.findChild<QLabel *>(QStringLiteral("sideProblems"));
        QVERIFY(shown->isVisible() && shown->text().contains(says));
    }

    void aGoodRequestIsHandedBackAsAsked()
    {
        int port = 0;
        {
            const Listener released; // a port that is free again once it is closed
            port = released.port;
        }
        SideRestoreDialog d(stanza(), kT0.addSecs(4 * 3600 + 17), m_files);
        d.show();
        typeInto(d.findChild<QLineEdit *>(QStringLiteral("sideDirectory")), m_tmp.filePath(QStringLiteral("new")));
        typeInto(d.findChild<QSpinBox *>(QStringLiteral("sidePort")), QString::number(port));
        QTRY_VERIFY2(d.canRestore(), qPrintable(d.problems()));
        QVERIFY(restoreButton(d)->isEnabled());
        const SideRestoreRequest r = d.request();
        QCOMPARE(r.moment, kT0.addSecs(4 * 3600 + 17));
        QCOMPARE(r.dataDirectory, m_tmp.filePath(QStringLiteral("new")));
        QCOMPARE(r.port, port);
    }

    void byDefaultADirectoryOfItsOwnAndAFreePort()
    {
        SideRestoreDialog d(stanza(), kT0.addSecs(4 * 3600), m_files);
        QTRY_VERIFY2(d.canRestore(), qPrintable(d.problems()));
        QCOMPARE(d.request().dataDirectory, m_tmp.filePath(QStringLiteral("xdg/dbops/side/trading-20261201T060000")));
        QVERIFY(d.request().port >= 5433);
        QCOMPARE(d.findChild<QSpinBox *>(QStringLiteral("sidePort"))->value(), d.request().port);
    }

    void saysTheLiveServerIsNotTouched()
    {
        SideRestoreDialog d(stanza(), kT0.addSecs(4 * 3600), m_files);
        QVERIFY(d.findChild<QLabel *>(QStringLiteral("sideExplain"))->text().contains(QStringLiteral("not touched")));
    }
};

QTEST_MAIN(TestSideRestoreDialog)
#include "tst_siderestoredialog.moc"
