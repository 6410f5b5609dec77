// The welcome page at the size the console gives it on a 1280x800 screen: every word-wrapped text of the card
// (title line, the four ways in, the note or error of the last attempt) gets the height it needs at its width,
// so nothing is clipped; and the four ways in are one click each.
#include "panels/welcomepage.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace dbops;

class TestWelcomePage : public QObject {
    Q_OBJECT

    // The word-wrapped widgets shorter than their text needs, named.
    static QStringList clipped(const QWidget &page)
    {
        QStringList out;
        for (QWidget *w : page.findChildren<QWidget *>()) {
            auto *label = qobject_cast<QLabel *>(w);
            const bool wraps = (label && label->wordWrap()) || qobject_cast<QCommandLinkButton *>(w);
            if (!wraps || !w->isVisible() || w->width() <= 0)
                continue;
            const int needed = w->heightForWidth(w->width());
            if (needed > w->height())
                out << QStringLiteral("%1 (%2 px of %3)")
                           .arg(label ? label->text().left(40) : qobject_cast<QCommandLinkButton *>(w)->text())
                           .arg(w->height())
                           .arg(needed);
        }
        return out;
    }

private Q_SLOTS:
    void nothingIsClipped_data()
    {
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("error");
        QTest::newRow("fresh") << QString() << QString();
        QTest::newRow("note") << QStringLiteral("The bot's environment points at /home/bot/app/data/trading.db, which "
                                                "did not open: no such file: /home/bot/app/data/trading.db")
                              << QString();
        QTest::newRow("error") << QString()
                               << QStringLiteral("cannot open /srv/bots/alpha/state/trading.db: the file is not an "
                                                 "SQLite database (it starts with 'PK'; is it a zip archive?)");
    }
    void nothingIsClipped()
    {
        QFETCH(QString, note);
        QFETCH(QString, error);
        WelcomePage page(QStringLiteral("/home/operator/.local/share/dbops/demo"));
        page.resize(1030, 560); // what the main window leaves it at 1280x800
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        if (!note.isEmpty())
            page.showNote(note);
        if (!error.isEmpty())
            page.showError(Error::make(ErrorCode::Io, error, QStringLiteral("check the path")));
        QCoreApplication::processEvents();
        const QStringList cut = clipped(page);
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
        QCOMPARE(page.message().isEmpty(), note.isEmpty() && error.isEmpty());
    }

    void eachWayInIsOneClick_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<QByteArray>("signal");
        QTest::newRow("demo") << QStringLiteral("welcomeDemo") << QByteArray(SIGNAL(demoRequested()));
        QTest::newRow("sqlite") << QStringLiteral("welcomeSqlite") << QByteArray(SIGNAL(openSqliteRequested()));
        QTest::newRow("postgres") << QStringLiteral("welcomePostgres")
                                  << QByteArray(SIGNAL(connectPostgresRequested()));
        QTest::newRow("environment") << QStringLiteral("welcomeDetect") << QByteArray(SIGNAL(detectRequested()));
    }
    void eachWayInIsOneClick()
    {
        QFETCH(QString, button);
        QFETCH(QByteArray, signal);
        WelcomePage page(QStringLiteral("/tmp/demo"));
        page.resize(1030, 560);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy spy(&page, signal.constData());
        auto *b = page.findChild<QCommandLinkButton *>(button);
        QVERIFY(b);
        QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_MAIN(TestWelcomePage)
#include "tst_welcomepage.moc"
